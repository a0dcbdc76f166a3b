#include <dlm/migrate.hpp>

#include <dlm/detail/migrate/date_time.hpp>

#include <dlm/edit.hpp>
#include <dlm/error.hpp>
#include <dlm/patch.hpp>
#include <dlm/validator.hpp>
#include <dlm/version.hpp>

#include "test_data.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dlm_test_migrate {  // each test file has a namespace of its own: the runner is a unity build

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path migrate_dir = dlm_test::data_dir / "migrate";

const dlm::validator& shared_validator() {
    static const dlm::validator validator;
    return validator;
}

/// The inputs of a fixture folder (every *.json that is not an *.expected.json), sorted.
std::vector<fs::path> inputs_in(const fs::path& folder) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() == ".json" && name.find(".expected.") == std::string::npos) found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    return found;
}

dlm::stac_target target_of(const fs::path& fixture) {
    return fixture.filename().string().find("to-1.1.0") != std::string::npos ? dlm::stac_target::v1_1_0
                                                                            : dlm::stac_target::v1_0_0;
}

fs::path expected_of(const fs::path& fixture) {
    return fixture.parent_path() / (fixture.stem().string() + ".expected.json");
}

/// True when one pointer is the other or lies inside it (a missing member is reported at its parent).
bool related(const std::string& a, const std::string& b) {
    const auto inside = [](const std::string& inner, const std::string& outer) {
        return inner.compare(0, outer.size(), outer) == 0 && (inner.size() == outer.size() || inner[outer.size()] == '/');
    };
    return inside(a, b) || inside(b, a);
}

bool has_need_at(const dlm::migration_result& m, const std::string& pointer) {
    return std::any_of(m.needs.begin(), m.needs.end(), [&](const dlm::needed_value& n) { return n.pointer == pointer; });
}

bool has_change_at(const dlm::migration_result& m, const std::string& pointer) {
    return std::any_of(m.changes.begin(), m.changes.end(), [&](const dlm::patch_operation& op) { return op.path == pointer; });
}

/// Checks what every migration must satisfy: the patch turns the original into the result, every operation says
/// why, a second migration changes nothing, and the result is valid unless a person must supply something; then
/// every remaining error is about a needed value.
void check_migration(const json& original, const dlm::migration_result& m, dlm::stac_target to) {
    json patched = original;
    dlm::apply_patch(patched, m.changes);
    CHECK(patched == m.document);
    for (const dlm::patch_operation& op : m.changes) {
        INFO(op.path);
        CHECK_FALSE(op.reason.empty());
    }
    const dlm::migration_result again = dlm::migrate(m.document, to);
    CHECK(again.changes.empty());
    CHECK(again.document == m.document);

    const dlm::report report = shared_validator().validate(m.document);
    if (m.needs.empty()) {
        for (const dlm::finding& f : report.errors) FAIL_CHECK(f.pointer << ": " << f.message);
    }
    for (const dlm::finding& f : report.errors) {
        INFO(f.pointer << ": " << f.message);
        CHECK(std::any_of(m.needs.begin(), m.needs.end(), [&](const dlm::needed_value& n) { return related(f.pointer, n.pointer); }));
    }
}

}  // namespace

TEST_CASE("every migration step, on a document of each pre-1.0 STAC version", "[migrate]") {
    const fs::path fixture = GENERATE(from_range(inputs_in(migrate_dir / "steps")));
    INFO(fixture.filename().string());
    const std::string text = dlm_test::read_text(fixture);
    const dlm::stac_target to = target_of(fixture);
    const dlm::migration_result m = dlm::migrate_text(text, to);
    CHECK(m.document == dlm_test::read_json(expected_of(fixture)));
    CHECK(m.document.value("stac_version", "") == (m.document.value("type", "") == "FeatureCollection"
                                                       ? m.document.value("stac_version", "")
                                                       : std::string(dlm::to_string(to))));
    check_migration(json::parse(text), m, to);
    if (fixture.filename().string().find("needs-values") == std::string::npos) CHECK(m.needs.empty());
}

TEST_CASE("the published dlm examples come out valid or needing only values a person supplies", "[migrate]") {
    const fs::path fixture = GENERATE(from_range(inputs_in(migrate_dir / "published")));
    INFO(fixture.filename().string());
    const std::string text = dlm_test::read_text(fixture);
    // Some were published with comments and trailing commas: read leniently, as `dlm upgrade` does.
    const dlm::lenient_result lenient = dlm::parse_lenient(text);
    REQUIRE(lenient.parsed.document);
    for (const dlm::stac_target to : {dlm::stac_target::v1_0_0, dlm::stac_target::v1_1_0}) {
        const dlm::migration_result m = dlm::migrate_text(text, to, {}, dlm::reading::lenient);
        if (to == dlm::stac_target::v1_0_0) CHECK(m.document == dlm_test::read_json(expected_of(fixture)));
        check_migration(*lenient.parsed.document, m, to);
        CHECK(json::parse(m.text) == m.document);
        CHECK(m.removals.size() == lenient.removals.size());
        CHECK_FALSE(m.needs.empty());  // every one of them has a value only a person knows
    }
}

TEST_CASE("the migrated text keeps what did not change; comments and trailing commas are removed and reported", "[migrate]") {
    const std::string commented = dlm_test::read_text(migrate_dir / "published" / "beta2-unet-pleiades-item-commented.json");
    CHECK_THROWS_AS(dlm::migrate_text(commented), dlm::error);  // strict by default
    const dlm::migration_result m = dlm::migrate_text(commented, dlm::stac_target::v1_0_0, {}, dlm::reading::lenient);
    CHECK(m.removals.size() == 6);  // two line comments at the top, `49.0,]`, a block comment, a comment and its comma
    for (const dlm::text_removal& removal : m.removals) CHECK_FALSE(removal.reason.empty());
    for (const char* gone : {"// 20210610154737", "/* the satellite", "// relative to the archive", "49.0,]"}) {
        INFO(gone);
        CHECK(commented.find(gone) != std::string::npos);
        CHECK(m.text.find(gone) == std::string::npos);
    }
    CHECK(json::parse(m.text) == m.document);

    // Outside the changed members, the text is the original's: its one-line arrays and objects stay one line.
    const std::string plain = dlm_test::read_text(migrate_dir / "published" / "beta2-unet-pleiades-item.json");
    const dlm::migration_result p = dlm::migrate_text(plain);
    CHECK(json::parse(p.text) == p.document);
    for (const char* kept : {"  \"bbox\": [2.1, 48.7, 2.6, 49.0],\n",
                             "    {\"rel\": \"self\", \"href\": \"https://example.com/models/unet-pleiades.json\"},\n",
                             "      \"normalization:mean\": [0.25, 0.34, 0.67],\n", "      \"scaling_factor\": 0.00392,\n"}) {
        INFO(kept);
        CHECK(plain.find(kept) != std::string::npos);
        CHECK(p.text.find(kept) != std::string::npos);
    }
    CHECK(p.text.find("\"stac_version\": \"1.0.0\",") != std::string::npos);
    CHECK(dlm::migrate(p.document).text.empty());  // only migrate_text writes text
}

TEST_CASE("the quirks of the published examples", "[migrate]") {
    const dlm::migration_result m = dlm::migrate_text(dlm_test::read_text(migrate_dir / "published" / "beta2-unet-pleiades-item.json"));
    CHECK(m.found_version == "1.0.0-beta.2");
    CHECK(m.document["id"] == "20417");  // a numeric id becomes its text
    CHECK(m.document["assets"] == json::parse(R"({"weights": {"href": "https://example.com/models/unet-pleiades.zip",
        "type": "application/zip", "title": "model archive", "role": ["model artefact"]}})"));
    CHECK(m.document["stac_extensions"] == json::array({std::string(dlm::extension_identifier),
                                                         "https://stac-extensions.github.io/eo/v1.0.0/schema.json",
                                                         "https://stac-extensions.github.io/scientific/v1.0.0/schema.json",
                                                         "https://stac-extensions.github.io/version/v1.0.0/schema.json"}));
    // Never invented: the off-list provider role, the version the version extension requires, which of the
    // class mapping and number_of_classes is wrong.
    CHECK(m.document["properties"]["providers"][0]["roles"][0] == "image licensor");
    CHECK(has_need_at(m, "/properties/providers/0/roles/0"));
    CHECK_FALSE(m.document["properties"].contains("version"));
    CHECK(has_need_at(m, "/properties/version"));
    CHECK(has_need_at(m, "/properties/dlm:outputs/class_name_mapping/4/index"));
    CHECK(m.document["properties"]["dlm:outputs"]["number_of_classes"] == 4);

    // Bands in properties without an asset that has them: which asset they describe is for a person to say, in
    // eo v1.x (eo:bands) as in STAC 1.1.0 (the common `bands` they become with --to 1.1.0).
    CHECK(has_need_at(m, "/properties/eo:bands"));
    const dlm::migration_result m11 =
        dlm::migrate_text(dlm_test::read_text(migrate_dir / "published" / "beta2-unet-pleiades-item.json"), dlm::stac_target::v1_1_0);
    CHECK(m11.document["properties"]["bands"][1] == json::parse(R"({"name": "blue", "eo:common_name": "blue", "eo:center_wavelength": 0.49})"));
    CHECK(has_need_at(m11, "/properties/bands"));
    CHECK(m11.document["stac_extensions"][1] == "https://stac-extensions.github.io/eo/v2.0.0/schema.json");
}

TEST_CASE("STAC versions are ordered as Semantic Versioning orders them", "[migrate]") {
    using dlm::detail::migrate::parse_semantic_version;
    const std::vector<std::string> ordered = {"0.6.0", "0.6.2", "0.7.0", "0.8.0-rc.1", "0.8.0", "0.8.1", "0.9.0-rc.1",
                                              "0.9.0", "1.0.0-beta.1", "1.0.0-beta.2", "1.0.0-rc.1", "1.0.0-rc.2",
                                              "1.0.0-rc.4", "1.0.0", "1.1.0-beta.1", "1.1.0"};
    for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
        INFO(ordered[i] << " < " << ordered[i + 1]);
        const auto a = parse_semantic_version(ordered[i]);
        const auto b = parse_semantic_version(ordered[i + 1]);
        REQUIRE(a);
        REQUIRE(b);
        CHECK(dlm::detail::migrate::compare(*a, *b) < 0);
        CHECK(dlm::detail::migrate::compare(*b, *a) > 0);
        CHECK(dlm::detail::migrate::compare(*a, *a) == 0);
    }
    CHECK(dlm::detail::migrate::compare(*parse_semantic_version("0.6"), *parse_semantic_version("0.6.0")) == 0);
    CHECK(dlm::detail::migrate::compare(*parse_semantic_version("1.0.0-rc.10"), *parse_semantic_version("1.0.0-rc.9")) > 0);
    for (const char* bad : {"", "1", "1.", "1.0.0.0", "v1.0.0", "1.0.0-", "1.0.0-rc..1", "a.b.c", "1.0.x", "1234567890.0.0"}) {
        INFO(bad);
        CHECK_FALSE(parse_semantic_version(bad));
    }
}

TEST_CASE("a Catalog and a Collection without type get the one they are", "[migrate]") {
    const dlm::migration_result catalog = dlm::migrate(json::parse(R"({"stac_version": "0.9.0", "id": "c", "description": "d", "links": []})"));
    CHECK(catalog.document["type"] == "Catalog");
    const dlm::migration_result collection = dlm::migrate(json::parse(
        R"({"stac_version": "1.0.0-beta.2", "id": "c", "description": "d", "license": "MIT", "links": [],
            "extent": {"spatial": {"bbox": [[0, 0, 1, 1]]}, "temporal": {"interval": [[null, null]]}}})"));
    CHECK(collection.document["type"] == "Collection");
    CHECK(collection.needs.empty());
    CHECK(shared_validator().validate(collection.document).ok());
}

TEST_CASE("nothing required is invented", "[migrate]") {
    const json bare = json::parse(R"({"type": "Feature", "stac_version": "0.8.0", "properties": {}})");
    const dlm::migration_result m = dlm::migrate(bare);
    CHECK_FALSE(m.document.contains("id"));
    CHECK_FALSE(m.document.contains("geometry"));
    CHECK_FALSE(m.document["properties"].contains("datetime"));
    CHECK(has_need_at(m, "/id"));
    CHECK(has_need_at(m, "/geometry"));
    CHECK(has_need_at(m, "/properties/datetime"));
    // Empty links and assets are what the document has, written the way STAC requires.
    CHECK(m.document["links"] == json::array());
    CHECK(m.document["assets"] == json::object());

    // STAC 1.0.0 requires `collection` beside a `collection` link; its id is in the linked file: needed, not guessed
    // from the href. Without such a link nothing is needed.
    const json linked = json::parse(R"({"type": "Feature", "stac_version": "0.6.0", "id": "scene", "geometry": null,
        "properties": {"datetime": "2017-10-13T00:00:00Z"}, "assets": {},
        "links": [{"rel": "collection", "href": "../sentinel-2-l1c/catalog.json"}]})");
    const dlm::migration_result with_link = dlm::migrate(linked);
    CHECK_FALSE(with_link.document.contains("collection"));
    CHECK(has_need_at(with_link, "/collection"));
    check_migration(linked, with_link, dlm::stac_target::v1_0_0);
    json unlinked = linked;
    unlinked["links"] = json::array();
    CHECK_FALSE(has_need_at(dlm::migrate(unlinked), "/collection"));

    // A link without its relation or its target (published: a link typed "documentation" with no rel).
    json partial = unlinked;
    partial["links"] = json::parse(R"([{"type": "text/html", "href": "https://example.com/doc.html"}, {"rel": "about"}])");
    const dlm::migration_result links = dlm::migrate(partial);
    CHECK(has_need_at(links, "/links/0/rel"));
    CHECK(has_need_at(links, "/links/1/href"));
    CHECK(links.needs.size() == 2);
    check_migration(partial, links, dlm::stac_target::v1_0_0);
}

TEST_CASE("extension ids: short ids, in-core URLs, withdrawn ids, duplicates and unknown ids", "[migrate]") {
    const dlm::migration_result m = dlm::migrate(json::parse(R"({"type": "Feature", "stac_version": "1.0.0-beta.2",
        "id": "x", "geometry": null, "properties": {"datetime": null, "start_datetime": "2020-01-01T00:00:00Z",
        "end_datetime": "2020-01-02T00:00:00Z"}, "links": [], "assets": {},
        "stac_extensions": ["proj", "https://schemas.stacspec.org/v1.0.0-beta.2/extensions/projection/json-schema/schema.json",
                            "commons", "sat", "https://example.com/mine/v1.0.0/schema.json", "mine"]})"));
    CHECK(m.document["stac_extensions"] == json::array({"https://stac-extensions.github.io/projection/v1.0.0/schema.json",
                                                         "https://stac-extensions.github.io/sat/v1.0.0/schema.json",
                                                         "https://example.com/mine/v1.0.0/schema.json", "mine"}));
    CHECK(has_need_at(m, "/stac_extensions/3"));
    CHECK(m.needs.size() == 1);
}

TEST_CASE("assets arrays: keyed by their maps or by file name, and left for a person when that is ambiguous", "[migrate]") {
    const auto item = [](const char* assets) {
        json doc = json::parse(R"({"type": "Feature", "stac_version": "1.0.0-rc.2", "id": "x", "geometry": null,
                                   "properties": {"datetime": "2020-01-01T00:00:00Z"}, "links": []})");
        doc["assets"] = json::parse(assets);
        return doc;
    };
    const dlm::migration_result keyed = dlm::migrate(item(R"([{"href": "https://e.com/a/model.pt?x=1"}, {"b": {"href": "b.tif"}}])"));
    CHECK(keyed.document["assets"] == json::parse(R"({"model.pt": {"href": "https://e.com/a/model.pt?x=1"}, "b": {"href": "b.tif"}})"));
    CHECK(keyed.needs.empty());

    const json clash = item(R"([{"href": "a/m.pt"}, {"href": "b/m.pt"}])");
    const dlm::migration_result ambiguous = dlm::migrate(clash);
    CHECK(ambiguous.document["assets"] == clash["assets"]);
    CHECK(has_need_at(ambiguous, "/assets"));
}

TEST_CASE("a document at or past the target gets only the dlm rewrites", "[migrate]") {
    json doc = json::parse(R"({"type": "Catalog", "stac_version": "1.1.0", "id": "c", "description": "d", "links": [],
                               "eo:gsd": 10})");
    const dlm::migration_result m = dlm::migrate(doc, dlm::stac_target::v1_0_0);
    CHECK(m.changes.empty());
    CHECK(m.document == doc);
    CHECK(m.found_version == "1.1.0");

    doc["stac_version"] = "banana";
    const dlm::migration_result unknown = dlm::migrate(doc);
    CHECK(unknown.changes.empty());
    CHECK(has_need_at(unknown, "/stac_version"));
}

TEST_CASE("to 1.1.0: proj:epsg becomes proj:code", "[migrate]") {
    const dlm::migration_result m = dlm::migrate(json::parse(R"({"type": "Feature", "stac_version": "1.0.0", "id": "x",
        "stac_extensions": ["https://stac-extensions.github.io/projection/v1.1.0/schema.json"], "geometry": null,
        "properties": {"datetime": "2020-01-01T00:00:00Z", "proj:epsg": 4326}, "links": [],
        "assets": {"a": {"href": "a.tif", "proj:epsg": null}}})"), dlm::stac_target::v1_1_0);
    CHECK(m.document["properties"]["proj:code"] == "EPSG:4326");
    CHECK_FALSE(m.document["properties"].contains("proj:epsg"));
    CHECK(m.document["assets"]["a"]["proj:code"].is_null());
    CHECK(m.document["stac_extensions"][0] == "https://stac-extensions.github.io/projection/v2.0.0/schema.json");
    CHECK(m.document["stac_version"] == "1.1.0");
    CHECK(has_change_at(m, "/stac_version"));
}

TEST_CASE("to 1.1.0: the file extension's data fields move to core and raster", "[migrate]") {
    const json item = json::parse(R"({"type": "Feature", "stac_version": "1.0.0", "id": "x", "geometry": null,
        "stac_extensions": ["https://stac-extensions.github.io/file/v1.0.0/schema.json"],
        "properties": {"datetime": "2020-01-01T00:00:00Z"}, "links": [],
        "assets": {"a": {"href": "a.tif", "file:data_type": "uint16", "file:nodata": [0], "file:bits_per_sample": 12,
                         "file:unit": "m", "file:size": 100},
                   "b": {"href": "b.tif", "file:nodata": []},
                   "c": {"href": "c.tif", "file:nodata": [0, 255]}}})");
    const dlm::migration_result m = dlm::migrate(item, dlm::stac_target::v1_1_0);
    const json& a = m.document["assets"]["a"];
    CHECK(a == json{{"href", "a.tif"}, {"data_type", "uint16"}, {"nodata", 0}, {"raster:bits_per_sample", 12},
                    {"unit", "m"}, {"file:size", 100}});
    CHECK_FALSE(m.document["assets"]["b"].contains("file:nodata"));
    // Two nodata values do not fit STAC 1.1.0's one: needed, not chosen.
    CHECK(m.document["assets"]["c"]["file:nodata"] == json{0, 255});
    CHECK(has_need_at(m, "/assets/c/file:nodata"));
    CHECK(m.document["stac_extensions"] == json{"https://stac-extensions.github.io/file/v2.1.0/schema.json",
                                                "https://stac-extensions.github.io/raster/v2.0.0/schema.json"});
    check_migration(item, m, dlm::stac_target::v1_1_0);
    // STAC 1.0.0 keeps them where they are: file v1.0.0 still defines them.
    CHECK(dlm::migrate(item, dlm::stac_target::v1_0_0).changes.empty());
}

TEST_CASE("a relative self link (1.1.0) and a collection without its link need values", "[migrate]") {
    const json item = json::parse(R"({"type": "Feature", "stac_version": "1.0.0", "id": "x", "geometry": null,
        "collection": "c1", "properties": {"datetime": "2020-01-01T00:00:00Z"},
        "links": [{"rel": "self", "href": "items/x.json"}, {"rel": "root", "href": "../catalog.json"}], "assets": {}})");
    const dlm::migration_result to_1_1 = dlm::migrate(item, dlm::stac_target::v1_1_0);
    CHECK(has_need_at(to_1_1, "/links/0/href"));
    CHECK(has_need_at(to_1_1, "/collection"));
    CHECK_FALSE(has_need_at(to_1_1, "/links/1/href"));  // only `self` must be absolute
    check_migration(item, to_1_1, dlm::stac_target::v1_1_0);
    // STAC 1.0.0 accepts a relative self link, not a `collection` without its link.
    const dlm::migration_result to_1_0 = dlm::migrate(item, dlm::stac_target::v1_0_0);
    CHECK_FALSE(has_need_at(to_1_0, "/links/0/href"));
    CHECK(has_need_at(to_1_0, "/collection"));
    check_migration(item, to_1_0, dlm::stac_target::v1_0_0);
    json absolute = item;
    absolute["links"][0]["href"] = "https://example.com/items/x.json";
    absolute["links"].push_back({{"rel", "collection"}, {"href", "https://example.com/c1.json"}});
    CHECK(dlm::migrate(absolute, dlm::stac_target::v1_1_0).needs.empty());
}

TEST_CASE("pre-0.9 asset band indices that properties do not define are needed, not turned into empty bands",
          "[migrate]") {
    const json item = json::parse(R"({"stac_version": "0.6.0", "type": "Feature", "id": "item-minimal",
        "geometry": null, "properties": {"datetime": "2016-05-03T13:22:30Z"},
        "assets": {"b1": {"eo:bands": [0], "href": "http://example.com/b1.tif"}}, "links": []})");
    for (const dlm::stac_target to : {dlm::stac_target::v1_0_0, dlm::stac_target::v1_1_0}) {
        const dlm::migration_result m = dlm::migrate(item, to);
        CHECK(has_need_at(m, "/assets/b1/eo:bands"));
        CHECK(m.document["assets"]["b1"]["eo:bands"] == json{0});
        CHECK_FALSE(m.document["assets"]["b1"].contains("bands"));
    }
}

TEST_CASE("date-times: the same instant in STAC's form (RFC 3339, UTC), a needed value where a part is missing",
          "[migrate]") {
    using dlm::detail::migrate::stac_date_time;
    const auto rewritten = [](std::string_view text) {
        const auto fixed = stac_date_time(text);
        return fixed ? fixed->text : std::string("(none)");
    };
    CHECK(rewritten("2019-10-04 18:55:37Z") == "2019-10-04T18:55:37Z");
    CHECK(rewritten("2019-10-04t18:55:37.5z") == "2019-10-04T18:55:37.5Z");
    CHECK(rewritten("2019-10-04T18:55:37+0000") == "2019-10-04T18:55:37+00:00");
    CHECK(rewritten("2019-10-04T18:55:37-00:00") == "2019-10-04T18:55:37Z");  // RFC 3339: UTC, local offset unknown
    CHECK(rewritten("2019-10-04 18:55:37.25+0130") == "2019-10-04T17:25:37.25Z");
    CHECK(rewritten("2019-10-04T20:30:00-07:00") == "2019-10-05T03:30:00Z");
    CHECK(rewritten("2019-12-31T23:30:00-01:00") == "2020-01-01T00:30:00Z");  // across a year
    CHECK(rewritten("2020-03-01T01:00:00+02:00") == "2020-02-29T23:00:00Z");  // back into a leap day
    CHECK(rewritten("2019-03-01T01:00:00+02:00") == "2019-02-28T23:00:00Z");
    CHECK(rewritten("2019-10-04T18:55:37Z") == "(none)");       // already in STAC's form
    CHECK(rewritten("2019-10-04t18:55:37+00:00") == "(none)");  // so is this (RFC 3339 allows a lower-case t)
    CHECK(rewritten("2019-10-04 18:55:37") == "(none)");        // no offset: which zone is not in the text
    CHECK(rewritten("2019-10-04") == "(none)");                 // no time
    CHECK(rewritten("2019-10-04  18:55:37Z") == "(none)");
    CHECK(rewritten("2019-02-30 18:55:37Z") == "(none)");       // no such day
    CHECK(rewritten("2019-10-04 18:55:37+2400") == "(none)");
    CHECK(rewritten("2019-10-04 18:55:37.Z") == "(none)");
    CHECK(rewritten("2016-12-31T15:59:60-08:00") == "(none)");  // a leap second is 23:59:60Z; not converted
    CHECK(rewritten("0000-01-01T00:30:00+01:00") == "(none)");  // before year 0000
    CHECK(stac_date_time("2019-10-04T20:30:00-07:00")->reason.find("-07:00") != std::string::npos);

    // A document at the target gets the repair too: these forms were published under versions of every era.
    const json current = json::parse(R"({"type": "Feature", "stac_version": "1.0.0", "id": "x", "geometry": null,
        "properties": {"datetime": null, "start_datetime": "2020-01-01 00:00:00Z", "end_datetime": "2020-01-02",
                       "created": "2020-01-03T10:00:00"},
        "links": [], "assets": {"a": {"href": "a.tif", "updated": "2020-01-04 10:00:00+0100"}}})");
    const dlm::migration_result m = dlm::migrate(current);
    CHECK(m.document["properties"]["start_datetime"] == "2020-01-01T00:00:00Z");
    CHECK(m.document["assets"]["a"]["updated"] == "2020-01-04T09:00:00Z");
    CHECK(m.document["properties"]["datetime"].is_null());
    CHECK(m.document["properties"]["end_datetime"] == "2020-01-02");  // kept, and asked for
    CHECK(m.document["properties"]["created"] == "2020-01-03T10:00:00");
    CHECK(has_need_at(m, "/properties/end_datetime"));
    CHECK(has_need_at(m, "/properties/created"));
    CHECK(m.needs.size() == 2);
    check_migration(current, m, dlm::stac_target::v1_0_0);
    for (const dlm::needed_value& n : m.needs) {
        INFO(n.what);
        CHECK((n.what.find("a date without a time") != std::string::npos ||
               n.what.find("a time without its offset from UTC") != std::string::npos));
    }
}

TEST_CASE("forms published under versions that did not allow them are repaired whatever the version", "[migrate]") {
    // A Collection extent of bare arrays (the pre-0.8.0 form) labelled 1.0.0-beta.1, and a 1.0.0 Collection without
    // `type`: both were published.
    const json beta = json::parse(R"({"stac_version": "1.0.0-beta.1", "type": "Collection", "id": "c", "description": "d",
        "license": "proprietary", "links": [],
        "extent": {"spatial": [-180, -90, 180, 90], "temporal": ["2015-06-23T00:00:00Z", null]}})");
    const dlm::migration_result m = dlm::migrate(beta);
    CHECK(m.document["extent"]["spatial"] == json{{"bbox", {{-180, -90, 180, 90}}}});
    CHECK(m.document["extent"]["temporal"] == json::parse(R"({"interval": [["2015-06-23T00:00:00Z", null]]})"));
    CHECK(m.needs.empty());
    check_migration(beta, m, dlm::stac_target::v1_0_0);

    // Before 0.6.0 `links` was an object keyed by relation.
    const json keyed = json::parse(R"({"type": "Feature", "id": "x", "geometry": null, "assets": {},
        "properties": {"datetime": "2014-06-02T00:00:00Z"},
        "links": {"self": {"rel": "self", "href": "https://example.com/x.json"}, "alternate": {"href": "x.html"}}})");
    const dlm::migration_result listed = dlm::migrate(keyed);
    CHECK(listed.document["links"] == json::parse(R"([{"rel": "alternate", "href": "x.html"},
                                                      {"rel": "self", "href": "https://example.com/x.json"}])"));
    CHECK(listed.needs.empty());
    check_migration(keyed, listed, dlm::stac_target::v1_0_0);

    json current = m.document;
    current.erase("type");
    const dlm::migration_result typed = dlm::migrate(current);
    CHECK(typed.document["type"] == "Collection");
    CHECK(typed.changes.size() == 1);
    check_migration(current, typed, dlm::stac_target::v1_0_0);
}

TEST_CASE("pre-1.0 Collection assets without href are item asset definitions", "[migrate]") {
    const json collection = json::parse(R"({"stac_version": "0.6.0", "id": "landsat-8-l1", "description": "Landsat 8",
        "license": "PDDL-1.0", "keywords": "landsat", "links": [],
        "extent": {"spatial": [-180, -90, 180, 90], "temporal": ["2013-06-01T00:00:00Z", null]},
        "assets": {"thumbnail": {"title": "Thumbnail image", "type": "image/jpeg"},
                   "B1": {"type": "image/tiff", "title": "Band 1, coastal"}, "MTL": {"title": "metadata"}}})");
    const dlm::migration_result m = dlm::migrate(collection);
    CHECK_FALSE(m.document.contains("assets"));
    CHECK(m.document["item_assets"] == collection["assets"]);
    CHECK(m.document["stac_extensions"] == json{"https://stac-extensions.github.io/item-assets/v1.0.0/schema.json"});
    CHECK(m.document["keywords"] == json{"landsat"});
    // The item-assets extension and STAC 1.1.0 (item_assets in core) want two fields in each definition: MTL has one.
    for (const dlm::stac_target to : {dlm::stac_target::v1_0_0, dlm::stac_target::v1_1_0}) {
        const dlm::migration_result result = dlm::migrate(collection, to);
        CHECK(has_need_at(result, "/item_assets/MTL"));
        CHECK(result.needs.size() == 1);
        check_migration(collection, result, to);
    }

    // One asset with an href: the assets are the Collection's own, left where they are, and the others' hrefs are
    // needed; several keywords in one string are for a person to split.
    json mixed = collection;
    mixed["assets"]["thumbnail"]["href"] = "https://example.com/thumbnail.jpg";
    mixed["keywords"] = "landsat, usgs";
    const dlm::migration_result kept = dlm::migrate(mixed);
    CHECK(kept.document["assets"] == mixed["assets"]);
    CHECK_FALSE(kept.document.contains("item_assets"));
    CHECK(has_need_at(kept, "/keywords"));
    CHECK(has_need_at(kept, "/assets/B1/href"));
    CHECK(has_need_at(kept, "/assets/MTL/href"));
    CHECK_FALSE(has_need_at(kept, "/assets/thumbnail/href"));
    check_migration(mixed, kept, dlm::stac_target::v1_0_0);
}

TEST_CASE("label:properties: one name becomes a list, several in one string are a needed value", "[migrate]") {
    json item = json::parse(R"({"stac_version": "0.7.0", "type": "Feature", "id": "labels", "geometry": null,
        "stac_extensions": ["label"], "links": [], "assets": {},
        "properties": {"datetime": "2019-01-01T00:00:00Z", "label:description": "buildings", "label:type": "vector",
                       "label:property": "class", "label:classes": [{"name": "class", "classes": ["a", "b"]}],
                       "label:tasks": ["segmentation"]}})");
    const dlm::migration_result one = dlm::migrate(item);
    CHECK(one.document["properties"]["label:properties"] == json{"class"});
    CHECK(one.needs.empty());
    check_migration(item, one, dlm::stac_target::v1_0_0);
    item["properties"]["label:property"] = "[building, condition]";
    const dlm::migration_result several = dlm::migrate(item);
    CHECK(several.document["properties"]["label:properties"] == "[building, condition]");
    CHECK(has_need_at(several, "/properties/label:properties"));
    check_migration(item, several, dlm::stac_target::v1_0_0);
}

TEST_CASE("the dlm objects and members the extension requires are needed values, described from its schema",
          "[migrate]") {
    json item = dlm_test::read_json(dlm_test::data_dir / "valid" / "item-unet-sentinel2-wetland-segmentation.json");
    REQUIRE(dlm::migrate(item).needs.empty());
    item["properties"]["dlm:architecture"].erase("pretrained");
    item["properties"]["dlm:data"].erase("number_of_bands");
    item["properties"].erase("dlm:runtime");
    item["properties"]["dlm:engine"] = {{"name", "thelper"}};  // an earlier draft's field, with no successor
    const dlm::migration_result m = dlm::migrate(item);
    REQUIRE(m.needs.size() == 4);
    const auto need_at = [&m](const std::string& pointer) {
        const auto found = std::find_if(m.needs.begin(), m.needs.end(), [&](const dlm::needed_value& n) { return n.pointer == pointer; });
        return found == m.needs.end() ? dlm::needed_value{} : *found;
    };
    CHECK(need_at("/properties/dlm:architecture/pretrained").allowed == "a string");
    CHECK(need_at("/properties/dlm:data/number_of_bands").allowed == "an integer >= 1");
    CHECK(need_at("/properties/dlm:runtime").what == "the dlm:runtime object, which dlm requires");
    CHECK(need_at("/properties/dlm:engine").what.find("does not define") != std::string::npos);
    CHECK(m.changes.empty());
    check_migration(item, m, dlm::stac_target::v1_0_0);
}

}  // namespace dlm_test_migrate
