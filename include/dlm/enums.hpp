#ifndef DLM_ENUMS_HPP
#define DLM_ENUMS_HPP

// The three enumerations of the dlm extension and their JSON spellings.
//
// Each enum has one `to_string` (an exhaustive switch, so the compiler notices a missing case), one
// `parse_<enum>` (searches the `all_<enum>s` table through `to_string`, so the two cannot disagree),
// and an `all_<enum>s` table listing every enumerator in declaration order. A spelling that is not in
// the table is never mapped to some default: `parse_*` returns `std::nullopt`.

#include <array>
#include <optional>
#include <string_view>

namespace dlm {

/// `dlm:outputs.task`: the machine-learning task the model output serves (Task Enum).
enum class task {
    regression,             ///< "regression"
    classification,         ///< "classification"
    object_detection,       ///< "object detection"
    segmentation,           ///< "segmentation" (generic)
    semantic_segmentation,  ///< "semantic segmentation"
    instance_segmentation,  ///< "instance segmentation"
    panoptic_segmentation,  ///< "panoptic segmentation"
    object_segmentation,    ///< "object segmentation"
};

/// `dlm:data.process_level`: the processing level of the data the model expects (Process Level Enum).
enum class process_level {
    raw,    ///< "raw"
    ortho,  ///< "ortho"
    l0,     ///< "L0"
    l1,     ///< "L1"
    l2,     ///< "L2"
    l3,     ///< "L3"
    l4,     ///< "L4" (analysis-ready data)
};

/// `dlm:data.data_type`: the sample type the model expects: a raster data type, or a numpy name that the
/// published schema also accepts (the validator warns on those; see `is_numpy_name`).
enum class data_type {
    // Raster extension names (preferred).
    int8,      ///< "int8"
    int16,     ///< "int16"
    int32,     ///< "int32"
    int64,     ///< "int64"
    uint8,     ///< "uint8"
    uint16,    ///< "uint16"
    uint32,    ///< "uint32"
    uint64,    ///< "uint64"
    float16,   ///< "float16"
    float32,   ///< "float32"
    float64,   ///< "float64"
    cint16,    ///< "cint16"
    cint32,    ///< "cint32"
    cfloat32,  ///< "cfloat32"
    cfloat64,  ///< "cfloat64"
    other,     ///< "other"
    // numpy names (accepted, with a warning from the validator).
    byte,       ///< "byte"
    short_,     ///< "short"
    intc,       ///< "intc"
    int_,       ///< "int_"
    longlong,   ///< "longlong"
    ubyte,      ///< "ubyte"
    ushort,     ///< "ushort"
    uintc,      ///< "uintc"
    uint,       ///< "uint"
    ulonglong,  ///< "ulonglong"
    half,       ///< "half"
    double_,    ///< "double"
    float_,     ///< "float_"
    longfloat,  ///< "longfloat"
    float96,    ///< "float96"
    float128,   ///< "float128"
};

/// Every `task`, in declaration order.
inline constexpr std::array<task, 8> all_tasks = {
    task::regression,            task::classification,        task::object_detection,
    task::segmentation,          task::semantic_segmentation, task::instance_segmentation,
    task::panoptic_segmentation, task::object_segmentation,
};

/// Every `process_level`, in declaration order.
inline constexpr std::array<process_level, 7> all_process_levels = {
    process_level::raw, process_level::ortho, process_level::l0, process_level::l1,
    process_level::l2,  process_level::l3,    process_level::l4,
};

/// Every `data_type`, in declaration order (raster names first, then numpy names).
inline constexpr std::array<data_type, 32> all_data_types = {
    data_type::int8,     data_type::int16,    data_type::int32,   data_type::int64,     data_type::uint8,
    data_type::uint16,   data_type::uint32,   data_type::uint64,  data_type::float16,   data_type::float32,
    data_type::float64,  data_type::cint16,   data_type::cint32,  data_type::cfloat32,  data_type::cfloat64,
    data_type::other,    data_type::byte,     data_type::short_,  data_type::intc,      data_type::int_,
    data_type::longlong, data_type::ubyte,    data_type::ushort,  data_type::uintc,     data_type::uint,
    data_type::ulonglong, data_type::half,    data_type::double_, data_type::float_,    data_type::longfloat,
    data_type::float96,  data_type::float128,
};

/// The JSON spelling of a task (e.g. "object detection"); empty for a value outside the enumeration.
[[nodiscard]] constexpr std::string_view to_string(task value) noexcept {
    switch (value) {
        case task::regression: return "regression";
        case task::classification: return "classification";
        case task::object_detection: return "object detection";
        case task::segmentation: return "segmentation";
        case task::semantic_segmentation: return "semantic segmentation";
        case task::instance_segmentation: return "instance segmentation";
        case task::panoptic_segmentation: return "panoptic segmentation";
        case task::object_segmentation: return "object segmentation";
    }
    return {};
}

/// The JSON spelling of a process level (e.g. "L2"); empty for a value outside the enumeration.
[[nodiscard]] constexpr std::string_view to_string(process_level value) noexcept {
    switch (value) {
        case process_level::raw: return "raw";
        case process_level::ortho: return "ortho";
        case process_level::l0: return "L0";
        case process_level::l1: return "L1";
        case process_level::l2: return "L2";
        case process_level::l3: return "L3";
        case process_level::l4: return "L4";
    }
    return {};
}

/// The JSON spelling of a data type (e.g. "uint16", "float_"); empty for a value outside the enumeration.
[[nodiscard]] constexpr std::string_view to_string(data_type value) noexcept {
    switch (value) {
        case data_type::int8: return "int8";
        case data_type::int16: return "int16";
        case data_type::int32: return "int32";
        case data_type::int64: return "int64";
        case data_type::uint8: return "uint8";
        case data_type::uint16: return "uint16";
        case data_type::uint32: return "uint32";
        case data_type::uint64: return "uint64";
        case data_type::float16: return "float16";
        case data_type::float32: return "float32";
        case data_type::float64: return "float64";
        case data_type::cint16: return "cint16";
        case data_type::cint32: return "cint32";
        case data_type::cfloat32: return "cfloat32";
        case data_type::cfloat64: return "cfloat64";
        case data_type::other: return "other";
        case data_type::byte: return "byte";
        case data_type::short_: return "short";
        case data_type::intc: return "intc";
        case data_type::int_: return "int_";
        case data_type::longlong: return "longlong";
        case data_type::ubyte: return "ubyte";
        case data_type::ushort: return "ushort";
        case data_type::uintc: return "uintc";
        case data_type::uint: return "uint";
        case data_type::ulonglong: return "ulonglong";
        case data_type::half: return "half";
        case data_type::double_: return "double";
        case data_type::float_: return "float_";
        case data_type::longfloat: return "longfloat";
        case data_type::float96: return "float96";
        case data_type::float128: return "float128";
    }
    return {};
}

namespace detail {
/// Finds the enumerator of `table` whose spelling is exactly `text` (case-sensitive).
template <class E, std::size_t N>
[[nodiscard]] constexpr std::optional<E> parse_enum(const std::array<E, N>& table, std::string_view text) noexcept {
    for (E value : table) {
        if (to_string(value) == text) return value;
    }
    return std::nullopt;
}
}  // namespace detail

/// The task spelled `text` in `dlm:outputs.task`, or nullopt if `text` is not one of the Task Enum values.
[[nodiscard]] constexpr std::optional<task> parse_task(std::string_view text) noexcept {
    return detail::parse_enum(all_tasks, text);
}

/// The process level spelled `text` in `dlm:data.process_level`, or nullopt if it is not one (case matters: "L2").
[[nodiscard]] constexpr std::optional<process_level> parse_process_level(std::string_view text) noexcept {
    return detail::parse_enum(all_process_levels, text);
}

/// The data type spelled `text` in `dlm:data.data_type` (raster or numpy name), or nullopt if it is neither.
[[nodiscard]] constexpr std::optional<data_type> parse_data_type(std::string_view text) noexcept {
    return detail::parse_enum(all_data_types, text);
}

/// True for the numpy-only `data_type` names (byte ... float128), which the validator warns about.
[[nodiscard]] constexpr bool is_numpy_name(data_type value) noexcept {
    return static_cast<int>(value) >= static_cast<int>(data_type::byte) &&
           static_cast<int>(value) <= static_cast<int>(data_type::float128);
}

/// The raster name of a data type: itself for a raster name; for a numpy name the raster type of the same size and
/// kind (byte -> int8, ubyte -> uint8, short -> int16, ushort -> uint16, intc -> int32, uintc -> uint32,
/// int_ and longlong -> int64, uint and ulonglong -> uint64, half -> float16, double and float_ -> float64), and
/// `other` for the extended-precision names (longfloat, float96, float128), which have no raster equivalent.
[[nodiscard]] constexpr data_type raster_equivalent(data_type value) noexcept {
    switch (value) {
        case data_type::byte: return data_type::int8;
        case data_type::ubyte: return data_type::uint8;
        case data_type::short_: return data_type::int16;
        case data_type::ushort: return data_type::uint16;
        case data_type::intc: return data_type::int32;
        case data_type::uintc: return data_type::uint32;
        case data_type::int_:
        case data_type::longlong: return data_type::int64;
        case data_type::uint:
        case data_type::ulonglong: return data_type::uint64;
        case data_type::half: return data_type::float16;
        case data_type::double_:
        case data_type::float_: return data_type::float64;
        case data_type::longfloat:
        case data_type::float96:
        case data_type::float128: return data_type::other;
        default: return value;
    }
}

}  // namespace dlm

#endif  // DLM_ENUMS_HPP
