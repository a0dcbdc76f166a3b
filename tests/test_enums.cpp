// dlm/enums.hpp: the spelling tables of task, process_level and data_type.

#include <catch2/catch.hpp>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <iterator>
#include <utility>

#include <dlm/enums.hpp>

namespace dlm_test_enums {  // each test file has a namespace of its own: the runner is a unity build

namespace {

// Each table lists every enumerator exactly once, in declaration order: entry i has the value i, so an
// enumerator added to the enum but not to the table makes the last check fail.
template <class E, std::size_t N>
void check_table_is_complete(const std::array<E, N>& table) {
    for (std::size_t i = 0; i < N; ++i) {
        CHECK(static_cast<std::size_t>(table[i]) == i);
    }
    CHECK(static_cast<std::size_t>(table.back()) == N - 1);
}

template <class E, std::size_t N, class Parse>
void check_round_trip(const std::array<E, N>& table, Parse parse) {
    std::set<std::string_view> spellings;
    for (const E value : table) {
        const std::string_view text = dlm::to_string(value);
        CAPTURE(text);
        CHECK_FALSE(text.empty());
        CHECK(spellings.insert(text).second);  // no two enumerators share a spelling
        const auto parsed = parse(text);
        REQUIRE(parsed.has_value());
        CHECK(*parsed == value);
    }
}

}  // namespace

TEST_CASE("task: every enumerator round-trips through its spelling", "[enums]") {
    check_table_is_complete(dlm::all_tasks);
    check_round_trip(dlm::all_tasks, [](std::string_view s) { return dlm::parse_task(s); });
    CHECK(dlm::to_string(dlm::task::object_detection) == "object detection");
    CHECK(dlm::to_string(dlm::task::semantic_segmentation) == "semantic segmentation");
    CHECK(dlm::to_string(dlm::task::object_segmentation) == "object segmentation");
    CHECK(dlm::parse_task("panoptic segmentation") == dlm::task::panoptic_segmentation);
}

TEST_CASE("task: near misses are not mapped to anything", "[enums]") {
    const char* text = GENERATE("object_detection", "Object Detection", "Regression", "regression ", "", "detection",
                                "object  detection", "semantic-segmentation");
    CAPTURE(text);
    CHECK_FALSE(dlm::parse_task(text).has_value());
}

TEST_CASE("process_level: every enumerator round-trips; L0-L4 are upper case", "[enums]") {
    check_table_is_complete(dlm::all_process_levels);
    check_round_trip(dlm::all_process_levels, [](std::string_view s) { return dlm::parse_process_level(s); });
    CHECK(dlm::to_string(dlm::process_level::l0) == "L0");
    CHECK(dlm::to_string(dlm::process_level::l4) == "L4");
    CHECK(dlm::parse_process_level("ortho") == dlm::process_level::ortho);
    CHECK_FALSE(dlm::parse_process_level("l2").has_value());
    CHECK_FALSE(dlm::parse_process_level("L5").has_value());
    CHECK_FALSE(dlm::parse_process_level("RAW").has_value());
    CHECK_FALSE(dlm::parse_process_level("process level").has_value());
}

TEST_CASE("data_type: raster and numpy names round-trip", "[enums]") {
    check_table_is_complete(dlm::all_data_types);
    check_round_trip(dlm::all_data_types, [](std::string_view s) { return dlm::parse_data_type(s); });
    CHECK(dlm::to_string(dlm::data_type::short_) == "short");
    CHECK(dlm::to_string(dlm::data_type::double_) == "double");
    CHECK(dlm::to_string(dlm::data_type::int_) == "int_");
    CHECK(dlm::to_string(dlm::data_type::float_) == "float_");
    CHECK(dlm::to_string(dlm::data_type::cfloat64) == "cfloat64");
    CHECK(dlm::parse_data_type("float96") == dlm::data_type::float96);
    CHECK_FALSE(dlm::parse_data_type("int").has_value());
    CHECK_FALSE(dlm::parse_data_type("float").has_value());
    CHECK_FALSE(dlm::parse_data_type("UINT8").has_value());
    CHECK_FALSE(dlm::parse_data_type("complex64").has_value());
}

TEST_CASE("data_type: is_numpy_name is true exactly for the numpy-only names", "[enums]") {
    const std::set<std::string_view> raster = {"int8",    "int16",   "int32",   "int64",  "uint8",    "uint16",
                                               "uint32",  "uint64",  "float16", "float32", "float64", "cint16",
                                               "cint32",  "cfloat32", "cfloat64", "other"};
    const std::set<std::string_view> numpy = {"byte",     "short", "intc",   "int_",   "longlong", "ubyte",
                                              "ushort",   "uintc", "uint",   "ulonglong", "half",  "double",
                                              "float_",   "longfloat", "float96", "float128"};
    REQUIRE(raster.size() + numpy.size() == dlm::all_data_types.size());
    for (const auto value : dlm::all_data_types) {
        const std::string_view text = dlm::to_string(value);
        CAPTURE(text);
        CHECK(dlm::is_numpy_name(value) == (numpy.count(text) == 1));
        CHECK((raster.count(text) + numpy.count(text)) == 1);
    }
}

TEST_CASE("enums: a value outside the enumeration has no spelling", "[enums]") {
    CHECK(dlm::to_string(static_cast<dlm::task>(99)).empty());
    CHECK(dlm::to_string(static_cast<dlm::process_level>(-1)).empty());
    CHECK(dlm::to_string(static_cast<dlm::data_type>(32)).empty());
    CHECK_FALSE(dlm::is_numpy_name(static_cast<dlm::data_type>(32)));
}

TEST_CASE("enums: the tables work at compile time", "[enums]") {
    static_assert(dlm::parse_task("regression") == dlm::task::regression);
    static_assert(dlm::to_string(dlm::process_level::l3) == "L3");
    static_assert(dlm::is_numpy_name(dlm::data_type::half));
    static_assert(!dlm::is_numpy_name(dlm::data_type::float16));
    SUCCEED();
}

}  // namespace dlm_test_enums

namespace dlm_test_enums {

TEST_CASE("raster_equivalent maps every numpy name to the raster type of the same size and kind", "[enums]") {
    using dlm::data_type;
    const std::pair<data_type, data_type> expected[] = {
        {data_type::byte, data_type::int8},        {data_type::ubyte, data_type::uint8},
        {data_type::short_, data_type::int16},     {data_type::ushort, data_type::uint16},
        {data_type::intc, data_type::int32},       {data_type::uintc, data_type::uint32},
        {data_type::int_, data_type::int64},       {data_type::longlong, data_type::int64},
        {data_type::uint, data_type::uint64},      {data_type::ulonglong, data_type::uint64},
        {data_type::half, data_type::float16},     {data_type::double_, data_type::float64},
        {data_type::float_, data_type::float64},   {data_type::longfloat, data_type::other},
        {data_type::float96, data_type::other},    {data_type::float128, data_type::other},
    };
    std::size_t numpy_names = 0;
    for (const data_type type : dlm::all_data_types) {
        if (!dlm::is_numpy_name(type)) {
            CHECK(dlm::raster_equivalent(type) == type);  // a raster name is its own equivalent
            continue;
        }
        ++numpy_names;
        const data_type* found = nullptr;
        for (const auto& [numpy, raster] : expected) {
            if (numpy == type) found = &raster;
        }
        REQUIRE(found != nullptr);
        CHECK(dlm::raster_equivalent(type) == *found);
        CHECK_FALSE(dlm::is_numpy_name(dlm::raster_equivalent(type)));
    }
    CHECK(numpy_names == std::size(expected));
}

}  // namespace dlm_test_enums
