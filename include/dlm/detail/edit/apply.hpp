#ifndef DLM_DETAIL_EDIT_APPLY_HPP
#define DLM_DETAIL_EDIT_APPLY_HPP

// The machinery of dlm::apply_patch_to_text: each RFC 6902 operation becomes one or two splices of the text,
// computed from a fresh index of the text as it stands, so that every byte outside the changed members stays.

#include <dlm/detail/edit/style.hpp>
#include <dlm/detail/edit/text_index.hpp>
#include <dlm/detail/upgrade/text.hpp>
#include <dlm/error.hpp>
#include <dlm/limits.hpp>
#include <dlm/parse.hpp>
#include <dlm/patch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm::detail {

/// `raw`, a value's text that started on a line indented by `from`, re-indented for a line indented by `to`.
[[nodiscard]] inline std::string reindent(std::string_view raw, std::string_view from, std::string_view to) {
    if (from == to) return std::string(raw);
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        out += raw[i];
        if (raw[i] == '\n' && raw.substr(i + 1, from.size()) == from) {
            out += to;
            i += from.size();
        }
    }
    return out;
}

/// One text being edited, operation by operation.
///
/// Each operation is computed from an index of the text as it stands. So that a patch of many operations on a large
/// document (an upgraded FeatureCollection) stays linear, an operation whose changes all lie inside one value at
/// depth `scope_depth` (e.g. `/features/7`) edits a copy of that value alone (with the start of its first line, for
/// the indentation); the whole text is put together again only when an operation needs it, and at the end.
class text_editor {
public:
    text_editor(std::string text, const limits& bounds) : text_(std::move(text)), bounds_(bounds) {
        index_ = index_text(text_, bounds_);
        style_ = detect_style(text_, index_);
        full_ = index_;
    }

    [[nodiscard]] std::string take() && {
        join();
        return std::move(text_);
    }

    void apply(const patch_operation& change) {
        if (change.op == patch_op::test) return;
        const std::vector<std::string> key = scope_key(change);
        if (key.size() == scope_depth) {
            enter_scope(key);
        } else {
            join();
        }
        dispatch(change);
        if (!in_scope_) full_valid_ = false;
    }

private:
    static constexpr std::size_t scope_depth = 2;

    /// The first `scope_depth` tokens of the container that holds every change of `change`, or fewer when it is
    /// shallower.
    [[nodiscard]] static std::vector<std::string> scope_key(const patch_operation& change) {
        std::vector<std::string> key = pointer_tokens(change.path);
        if (!key.empty()) key.pop_back();
        if (change.op == patch_op::move || change.op == patch_op::copy) {
            std::vector<std::string> source = pointer_tokens(change.from);
            if (!source.empty()) source.pop_back();
            std::size_t common = 0;
            while (common < key.size() && common < source.size() && key[common] == source[common]) ++common;
            key.resize(common);
        }
        if (key.size() > scope_depth) key.resize(scope_depth);
        return key;
    }

    /// Ends the scope, keeping its edited value for `join`.
    void finish_scope() {
        if (!in_scope_) return;
        edited_.push_back({scope_begin_, scope_end_, text_.substr(scope_offset_)});
        finished_.insert(scope_key_);
        in_scope_ = false;
        text_.clear();
    }

    /// Makes `text_` the whole text again, with every scope's edits.
    void join() {
        const bool scoped = in_scope_ || !edited_.empty();
        finish_scope();
        if (!scoped) return;
        std::sort(edited_.begin(), edited_.end(),
                  [](const edited_value& a, const edited_value& b) { return a.begin < b.begin; });
        std::string joined;
        std::size_t copied = 0;
        for (const edited_value& value : edited_) {
            joined.append(whole_, copied, value.begin - copied);
            joined += value.text;
            copied = value.end;
        }
        joined.append(whole_, copied, std::string::npos);
        text_ = std::move(joined);
        whole_.clear();
        edited_.clear();
        finished_.clear();
        full_valid_ = false;
    }

    void enter_scope(const std::vector<std::string>& key) {
        if (in_scope_ && key == scope_key_) return;
        finish_scope();
        if (finished_.count(key) != 0) join();  // edited before, and the whole-text index no longer shows it
        if (edited_.empty()) {
            if (!full_valid_) full_ = index_text(text_, bounds_);
            full_valid_ = true;
            whole_ = std::move(text_);
            text_.clear();
        }
        // Outside the edited values, `whole_` and its index `full_` still hold: find the value there.
        std::size_t id = 0;
        for (const std::string& token : key) {
            id = child_of(full_, whole_, id, token);
            if (id == no_node) break;
        }
        if (id == no_node) {  // not there: the operation fails on the whole text
            join();
            return;
        }
        scope_begin_ = full_.nodes[id].begin;
        scope_end_ = full_.nodes[id].end;
        const std::size_t line = line_start(whole_, scope_begin_);
        scope_offset_ = scope_begin_ - line;
        text_ = whole_.substr(line, scope_end_ - line);
        scope_key_ = key;
        in_scope_ = true;
    }

    void dispatch(const patch_operation& change) {
        switch (change.op) {
            case patch_op::test: return;
            case patch_op::remove: remove(change.path); return;
            case patch_op::replace: replace(change.path, change.value); return;
            case patch_op::add: add(change.path, change.value); return;
            case patch_op::copy: {
                const raw_value raw = value_text(change.from);
                add_raw(change.path, raw.first, raw.second);
                return;
            }
            case patch_op::move: move(change.from, change.path); return;
        }
    }

private:
    using raw_value = std::pair<std::string, std::string>;  // the value's text and the indent of its first line

    void reindex() {
        if (!in_scope_) {
            index_ = index_text(text_, bounds_);
            return;
        }
        index_ = index_text(std::string_view(text_).substr(scope_offset_), bounds_);
        for (text_node& n : index_.nodes) {
            n.begin += scope_offset_;
            n.end += scope_offset_;
            if (n.key_begin != no_node) {
                n.key_begin += scope_offset_;
                n.key_end += scope_offset_;
            }
        }
    }

    /// The node at `tokens[0 .. count)` in the current index (which covers the scope when there is one).
    [[nodiscard]] std::size_t locate(const std::vector<std::string>& tokens, std::size_t count) const {
        const std::size_t skip = in_scope_ ? scope_depth : 0;
        if (count < skip) return no_node;
        std::size_t id = 0;
        for (std::size_t i = skip; i < count && id != no_node; ++i) id = child_of(index_, text_, id, tokens[i]);
        return id;
    }

    [[nodiscard]] const text_node& node(std::size_t id) const { return index_.nodes[id]; }

    [[nodiscard]] std::size_t find(const std::string& pointer) {
        reindex();
        const std::vector<std::string> tokens = pointer_tokens(pointer);
        const std::size_t found = locate(tokens, tokens.size());
        if (found == no_node) throw error(pointer, "no value at this pointer in the text");
        return found;
    }

    void splice(std::size_t begin, std::size_t end, std::string_view with) {
        text_.replace(begin, end - begin, with);
    }

    /// The text of the value at `pointer` and the indentation of the line it starts on.
    [[nodiscard]] raw_value value_text(const std::string& pointer) {
        const std::size_t id = find(pointer);
        const text_node& n = node(id);
        return {text_.substr(n.begin, n.end - n.begin), std::string(line_indent(text_, n.start()))};
    }

    [[nodiscard]] bool multi_line(const text_node& n) const { return spans_lines(text_, n.begin, n.end); }

    /// Whether the containers inside container `id` span lines: all of them do or none does in well-kept files;
    /// `fallback` when it holds no container.
    [[nodiscard]] bool children_multi_line(std::size_t id, bool fallback) const {
        bool seen = false;
        for (std::size_t child = node(id).first_child; child != no_node; child = node(child).next_sibling) {
            if (is_container(node(child))) {
                if (multi_line(node(child))) return true;
                seen = true;
            }
        }
        return seen ? false : fallback;
    }

    /// Renders `value` for the place of node `id`: a container keeps its own layout and its children's, a scalar
    /// takes the layout of the containers beside it.
    [[nodiscard]] std::string render_for(const nlohmann::json& value, std::size_t id) const {
        const text_node& n = node(id);
        bool lines = !style_.indent_unit.empty();
        bool nested = lines;
        if (is_container(n)) {
            lines = multi_line(n);
            nested = children_multi_line(id, lines);
        } else if (n.parent != no_node) {
            lines = nested = children_multi_line(n.parent, multi_line(node(n.parent)));
        }
        return value_writer(style_).render(value, line_indent(text_, n.start()), lines, nested);
    }

    void replace(const std::string& pointer, const nlohmann::json& value) {
        const std::size_t id = find(pointer);
        const std::string rendered = render_for(value, id);
        splice(node(id).begin, node(id).end, rendered);
    }

    void replace_raw(std::size_t id, const raw_value& raw) {
        const text_node& n = node(id);
        splice(n.begin, n.end, reindent(raw.first, raw.second, line_indent(text_, n.start())));
    }

    void remove(const std::string& pointer) {
        if (pointer.empty()) throw error(pointer, "cannot remove the whole document");
        const std::size_t id = find(pointer);
        const text_node& n = node(id);
        const text_node& parent = node(n.parent);
        if (parent.child_count == 1) {
            splice(parent.begin + 1, parent.end - 1, "");  // `{}` or `[]`
        } else if (n.next_sibling != no_node) {
            const std::size_t next = node(n.next_sibling).start();
            if (starts_line(text_, n.start()) && starts_line(text_, next)) {
                splice(line_start(text_, n.start()), line_start(text_, next), "");
            } else {
                splice(n.start(), next, "");
            }
        } else {
            splice(node(n.previous_sibling).end, n.end, "");
        }
    }

    /// What goes between two members or elements of container `id`: taken from the container itself when it has
    /// two, otherwise a line break and its children's indentation when it spans lines, otherwise inline.
    [[nodiscard]] std::string gap(std::size_t id) const {
        const text_node& c = node(id);
        if (c.child_count >= 2) {
            const text_node& first = node(c.first_child);
            const std::size_t comma = text_.find(',', first.end);
            return text_.substr(comma + 1, node(first.next_sibling).start() - comma - 1);
        }
        if (multi_line(c) && !style_.indent_unit.empty()) {
            const std::string indent = c.first_child != no_node && starts_line(text_, node(c.first_child).start())
                                           ? std::string(line_indent(text_, node(c.first_child).start()))
                                           : std::string(line_indent(text_, c.start())) + style_.indent_unit;
            return style_.newline + indent;
        }
        return style_.inline_separator.substr(1);
    }

    /// The indentation a new child of container `id` starts its line with (when `g` breaks the line), else the
    /// indentation of the line it lands on.
    [[nodiscard]] std::string child_indent(std::size_t id, const std::string& g) const {
        const std::size_t newline = g.rfind('\n');
        if (newline != std::string::npos) return g.substr(newline + 1);
        const text_node& c = node(id);
        return std::string(line_indent(text_, c.last_child != no_node ? node(c.last_child).start() : c.start()));
    }

    /// Inserts `entry` (a member `"key": value` or an element) into container `id` before child `before`
    /// (`no_node`: at the end). `render` makes the value's text given the indentation of its line.
    template <class Render>
    void insert(std::size_t id, std::size_t before, const std::string& key_text, Render render) {
        const text_node& c = node(id);
        const std::string prefix = key_text.empty() ? std::string() : key_text + style_.key_separator;
        if (c.child_count == 0) {
            const bool lines = !style_.indent_unit.empty() &&
                               (multi_line(c) || c.parent == no_node || multi_line(node(c.parent)));
            const std::string outer(line_indent(text_, c.start()));
            if (lines) {
                const std::string inner = outer + style_.indent_unit;
                splice(c.begin + 1, c.end - 1,
                       style_.newline + inner + prefix + render(inner, true) + style_.newline + outer);
            } else {
                splice(c.begin + 1, c.end - 1, prefix + render(outer, false));
            }
            return;
        }
        const std::string g = gap(id);
        const std::string indent = child_indent(id, g);
        const bool lines = children_multi_line(id, g.find('\n') != std::string::npos);
        const std::string entry = prefix + render(indent, lines);
        if (before == no_node) {
            splice(node(c.last_child).end, node(c.last_child).end, "," + g + entry);
        } else {
            const std::size_t at = node(before).start();
            splice(at, at, entry + "," + g);
        }
    }

    void add(const std::string& pointer, const nlohmann::json& value) {
        add_with(pointer, [&](const std::string& base, bool lines) {
            return value_writer(style_).render(value, base, lines, lines);
        }, [&](std::size_t id) {
            const std::string rendered = render_for(value, id);
            splice(node(id).begin, node(id).end, rendered);
        });
    }

    void add_raw(const std::string& pointer, const std::string& raw, const std::string& raw_indent) {
        add_with(pointer, [&](const std::string& base, bool) { return reindent(raw, raw_indent, base); },
                 [&](std::size_t id) { replace_raw(id, {raw, raw_indent}); });
    }

    /// RFC 6902 `add`: replaces the root or an existing member, inserts an element or a new member.
    template <class Render, class Replace>
    void add_with(const std::string& pointer, Render render, Replace replace_node) {
        reindex();
        const std::vector<std::string> tokens = pointer_tokens(pointer);
        if (tokens.empty()) {
            replace_node(0);
            return;
        }
        const std::size_t parent = locate(tokens, tokens.size() - 1);
        if (parent == no_node || !is_container(node(parent))) {
            throw error(pointer, "the parent of this pointer is not an object or array in the text");
        }
        const std::string& last = tokens.back();
        if (node(parent).kind == '{') {
            const std::size_t existing = child_of(index_, text_, parent, last);
            if (existing != no_node) {
                replace_node(existing);
            } else {
                insert(parent, no_node, value_writer::key(last), render);
            }
            return;
        }
        if (last == "-") {
            insert(parent, no_node, "", render);
            return;
        }
        const std::optional<std::size_t> at = array_index(last);
        if (!at || *at > node(parent).child_count) throw error(pointer, "no such array index in the text");
        insert(parent, *at == node(parent).child_count ? no_node : child_of(index_, text_, parent, last), "", render);
    }

    /// RFC 6902 `move`; a move to another key of the same object renames the member where it stands.
    void move(const std::string& from, const std::string& path) {
        if (from == path) return;
        const std::vector<std::string> source = pointer_tokens(from);
        const std::vector<std::string> target = pointer_tokens(path);
        if (!source.empty() && source.size() == target.size() &&
            std::equal(source.begin(), source.end() - 1, target.begin())) {
            reindex();
            const std::size_t parent = locate(source, source.size() - 1);
            if (parent != no_node && node(parent).kind == '{') {
                if (child_of(index_, text_, parent, target.back()) != no_node) remove(path);
                const std::size_t id = find(from);
                splice(node(id).key_begin, node(id).key_end, value_writer::key(target.back()));
                return;
            }
        }
        const raw_value raw = value_text(from);
        remove(from);
        add_raw(path, raw.first, raw.second);
    }

    /// A value edited in a scope: its span in `whole_` and its new text.
    struct edited_value {
        std::size_t begin;
        std::size_t end;
        std::string text;
    };

    std::string text_;  // the whole text, or in a scope the value being edited after the start of its first line
    const limits& bounds_;
    text_index index_;  // of `text_`
    text_style style_;  // read once, from the original text

    std::string whole_;  // in a scope: the whole text without the edits of the scopes since it was indexed
    text_index full_;    // of the whole text when it was last indexed (of `whole_` in a scope)
    bool full_valid_ = true;
    std::vector<edited_value> edited_;             // values of `whole_` edited in scopes, not yet joined
    std::set<std::vector<std::string>> finished_;  // their keys

    bool in_scope_ = false;
    std::vector<std::string> scope_key_;
    std::size_t scope_begin_ = 0;   // the value's span in `whole_`
    std::size_t scope_end_ = 0;
    std::size_t scope_offset_ = 0;  // where the value starts in `text_`
};

}  // namespace dlm::detail

#endif  // DLM_DETAIL_EDIT_APPLY_HPP
