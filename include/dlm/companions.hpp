#ifndef DLM_COMPANIONS_HPP
#define DLM_COMPANIONS_HPP

// Typed access to the fields of the extensions dlm requires beside itself: scientific (`sci:doi`, `sci:citation`,
// `sci:publications`), version (`version`, `deprecated`, `experimental`) and the eo band definitions of the model
// (`eo:bands`), in an Item's `properties` or at a Collection's top level, where the dlm fields are. Read and written
// like the dlm fields: members the structs do not model are kept, numbers keep their integer or float form, reading
// throws dlm::error with a pointer, and writing replaces only the fields it owns.
//
//     dlm::scientific_fields sci = dlm::read_scientific(item);
//     sci.citation = "Doe, J. (2024). Wetland segmentation.";
//     dlm::write_scientific(item, sci);                      // then declare dlm::extensions::scientific

#include <dlm/model.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dlm {

/// `sci:publications` entry (scientific extension): a publication related to the model.
struct publication {
    /// `doi`: the publication's DOI (without the resolver prefix, e.g. "10.1000/xyz").
    std::optional<std::string> doi{};
    /// `citation`: the recommended human-readable reference.
    std::optional<std::string> citation{};
    /// Members this type does not model, written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

/// The scientific extension's fields.
struct scientific_fields {
    /// `sci:doi`: the DOI of the data or model itself.
    std::optional<std::string> doi{};
    /// `sci:citation`: how to cite it.
    std::optional<std::string> citation{};
    /// `sci:publications`: related publications.
    std::optional<std::vector<publication>> publications{};
};

/// The version extension's fields.
struct version_fields {
    /// `version`: the version of the model record (required by the extension when it is declared).
    std::optional<std::string> version{};
    /// `deprecated`: true when the record should no longer be used (see its `latest-version` link).
    std::optional<bool> deprecated{};
    /// `experimental`: true for a record in development.
    std::optional<bool> experimental{};
};

/// One `eo:bands` entry: an optical band the model reads.
struct eo_band {
    /// `name`: the band's name, as `useful_bands` and `selected_bands` refer to it.
    std::optional<std::string> name{};
    /// `common_name`: the eo extension's common name (e.g. "red", "nir").
    std::optional<std::string> common_name{};
    /// `description`.
    std::optional<std::string> description{};
    /// `center_wavelength`, in micrometres.
    std::optional<number> center_wavelength{};
    /// `full_width_half_max`, in micrometres.
    std::optional<number> full_width_half_max{};
    /// `solar_illumination`, in W/m2/micrometre.
    std::optional<number> solar_illumination{};
    /// Members this type does not model, written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

/// The scientific fields of an Item (its `properties`) or Collection (its top level); absent fields are nullopt.
[[nodiscard]] inline scientific_fields read_scientific(const nlohmann::json& doc);

/// Writes the scientific fields: present ones set, absent ones removed; nothing else changes.
inline void write_scientific(nlohmann::json& doc, const scientific_fields& fields);

/// The version fields of an Item or Collection.
[[nodiscard]] inline version_fields read_version(const nlohmann::json& doc);

/// Writes the version fields: present ones set, absent ones removed; nothing else changes.
inline void write_version(nlohmann::json& doc, const version_fields& fields);

/// The `eo:bands` of an Item's `properties` or a Collection's top level; nullopt when there are none.
[[nodiscard]] inline std::optional<std::vector<eo_band>> read_eo_bands(const nlohmann::json& doc);

/// Writes `eo:bands` (nullopt removes it); nothing else changes.
inline void write_eo_bands(nlohmann::json& doc, const std::optional<std::vector<eo_band>>& bands);

}  // namespace dlm

#include <dlm/detail/model/companions_impl.hpp>

#endif  // DLM_COMPANIONS_HPP
