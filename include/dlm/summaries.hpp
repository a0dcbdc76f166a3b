#ifndef DLM_SUMMARIES_HPP
#define DLM_SUMMARIES_HPP

// Collection summaries of model Items: what a Collection of models offers, computed from its Items the way pystac's
// Summarizer does it for other fields (the distinct values of a field, or the range of a number), ready for the
// Collection's `summaries`:
//
//     collection["summaries"].update(dlm::summarize_models(items));
//
// A dlm field is named by its dot path ("dlm:outputs.task"); band definitions follow the eo extension's convention
// (`eo:bands`: the distinct bands). dlm's validator does not inspect Collection summaries (../shared/dlm-rules.md).

#include <dlm/companions.hpp>
#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/json.hpp>
#include <dlm/model.hpp>
#include <dlm/stac.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dlm {

namespace detail {

/// Appends `value` to the array `values` unless it is there already (first met first, like pystac's ARRAY strategy).
inline void add_distinct(nlohmann::json& values, nlohmann::json value) {
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(std::move(value));
}

/// The smallest and largest of the values met (pystac's RANGE strategy).
struct integer_range {
    std::optional<std::int64_t> minimum{};
    std::optional<std::int64_t> maximum{};

    void add(std::int64_t value) {
        minimum = std::min(minimum.value_or(value), value);
        maximum = std::max(maximum.value_or(value), value);
    }
};

}  // namespace detail

/// The summaries of the models of `items` (Items or Collections carrying dlm fields, as read_model reads them):
///   - "dlm:outputs.task", "dlm:runtime.framework", "dlm:data.data_type", "dlm:data.process_level",
///     "dlm:architecture.type": the distinct values, in the order first met;
///   - "dlm:outputs.number_of_classes", "dlm:architecture.total_nb_parameters": {"minimum", "maximum"} over the
///     models that give one;
///   - "eo:bands": the distinct band definitions of the documents' `eo:bands`, a band named twice kept once (the
///     first definition).
/// A summary without any value is left out. Throws dlm::error for a document whose model or bands cannot be read,
/// its pointer prefixed with the document's index in `items` ("/3/properties/dlm:outputs/task").
[[nodiscard]] inline nlohmann::json summarize_models(const std::vector<nlohmann::json>& items) {
    using json = nlohmann::json;
    json tasks = json::array(), frameworks = json::array(), data_types = json::array(), levels = json::array(),
         architectures = json::array(), bands = json::array();
    detail::integer_range classes, parameters;
    std::vector<std::string> band_names;
    for (std::size_t i = 0; i < items.size(); ++i) {
        model m;
        std::optional<std::vector<eo_band>> eo;
        try {
            m = read_model(items[i]);
            eo = read_eo_bands(items[i]);
        } catch (const error& e) {
            throw error("/" + std::to_string(i) + e.pointer(), e.reason());
        }
        if (m.outputs.task) detail::add_distinct(tasks, std::string(to_string(*m.outputs.task)));
        if (!m.runtime.framework.empty()) detail::add_distinct(frameworks, m.runtime.framework);
        if (m.data.data_type) detail::add_distinct(data_types, std::string(to_string(*m.data.data_type)));
        if (m.data.process_level) detail::add_distinct(levels, std::string(to_string(*m.data.process_level)));
        if (m.outputs.number_of_classes) classes.add(*m.outputs.number_of_classes);
        if (m.architecture) {
            if (!m.architecture->type.empty()) detail::add_distinct(architectures, m.architecture->type);
            parameters.add(m.architecture->total_nb_parameters);
        }
        for (const eo_band& band : eo.value_or(std::vector<eo_band>{})) {
            if (band.name) {
                if (std::find(band_names.begin(), band_names.end(), *band.name) != band_names.end()) continue;
                band_names.push_back(*band.name);
            }
            detail::add_distinct(bands, detail::write(band, ""));
        }
    }
    json summaries = json::object();
    const auto put_values = [&summaries](const char* key, json& values) {
        if (!values.empty()) summaries[key] = std::move(values);
    };
    const auto put_range = [&summaries](const char* key, const detail::integer_range& range) {
        if (range.minimum) summaries[key] = {{"minimum", *range.minimum}, {"maximum", *range.maximum}};
    };
    put_values("dlm:outputs.task", tasks);
    put_values("dlm:runtime.framework", frameworks);
    put_values("dlm:data.data_type", data_types);
    put_values("dlm:data.process_level", levels);
    put_values("dlm:architecture.type", architectures);
    put_range("dlm:outputs.number_of_classes", classes);
    put_range("dlm:architecture.total_nb_parameters", parameters);
    put_values("eo:bands", bands);
    return summaries;
}

}  // namespace dlm

#endif  // DLM_SUMMARIES_HPP
