#ifndef DLM_RULES_HPP
#define DLM_RULES_HPP


/// The rule identifiers a `dlm::finding` carries, named once (README's rule table lists each with its severity).
/// Code that reports or matches a finding uses these constants, never a string literal.
namespace dlm::rules {

// ---- the JSON Schema rules -----------------------------------------------------------------------------------
/// A JSON Schema rule failed (STAC core, an extension, or a dlm field rule).
inline constexpr char schema[] = "schema";
/// Validation itself failed, or the fast check rejected what valijson then found no fault in.
inline constexpr char schema_error[] = "schema.error";

// ---- STAC ----------------------------------------------------------------------------------------------------
/// `type` is not Feature, Collection, Catalog or FeatureCollection.
inline constexpr char stac_type_unknown[] = "stac.type.unknown";
/// `stac_version` is not one this library validates.
inline constexpr char stac_version_unsupported[] = "stac.version.unsupported";
/// A declared extension's schema is neither shipped, registered nor resolved.
inline constexpr char stac_extension_unavailable[] = "stac.extension.unavailable";
/// A registered or resolved schema cannot be compiled, or breaks a schema limit.
inline constexpr char stac_extension_invalid_schema[] = "stac.extension.invalid-schema";

// ---- dlm -----------------------------------------------------------------------------------------------------
/// A `dlm:` field other than the five (and the tolerated legacy `dlm:archive`).
inline constexpr char dlm_field_unknown[] = "dlm.field.unknown";
/// A `dlm:` field at an Item's top level instead of `properties`.
inline constexpr char dlm_field_misplaced[] = "dlm.field.misplaced";
/// `dlm:` fields without the extension identifier in `stac_extensions`.
inline constexpr char dlm_extension_undeclared[] = "dlm.extension.undeclared";
/// A Catalog declares the extension (its scope is Item and Collection).
inline constexpr char dlm_extension_scope[] = "dlm.extension.scope";
/// The scientific, eo or version extension is not declared.
inline constexpr char dlm_companion_missing[] = "dlm.companion.missing";
/// mean, std, selected bands and tensor `dim` disagree in length.
inline constexpr char dlm_consistency_normalization_length[] = "dlm.consistency.normalization-length";
/// A selected band or useful band index is not below `number_of_bands`.
inline constexpr char dlm_consistency_band_index[] = "dlm.consistency.band-index";
/// A class index is not below `number_of_classes`.
inline constexpr char dlm_consistency_class_index[] = "dlm.consistency.class-index";
/// Two classes share an index.
inline constexpr char dlm_consistency_duplicate_class_index[] = "dlm.consistency.duplicate-class-index";
/// `dont_care_index` is not below `number_of_classes`.
inline constexpr char dlm_consistency_dont_care_index[] = "dlm.consistency.dont-care-index";
/// Some class in `[0, number_of_classes)` is not named.
inline constexpr char dlm_consistency_class_coverage[] = "dlm.consistency.class-coverage";
/// More useful bands than `number_of_bands`.
inline constexpr char dlm_consistency_useful_bands_count[] = "dlm.consistency.useful-bands-count";
/// A numpy-only `data_type` name.
inline constexpr char dlm_data_type_numpy_name[] = "dlm.data-type.numpy-name";
/// The `selected_band` spelling.
inline constexpr char dlm_legacy_selected_band[] = "dlm.legacy.selected-band";
/// The legacy list-of-maps `class_name_mapping`.
inline constexpr char dlm_legacy_class_name_mapping[] = "dlm.legacy.class-name-mapping";

// ---- reading input -------------------------------------------------------------------------------------------
/// Not JSON (the message names line and column).
inline constexpr char input_syntax[] = "input.syntax";
/// Past `limits::max_bytes`.
inline constexpr char input_too_large[] = "input.too-large";
/// Past `limits::max_depth`.
inline constexpr char input_too_deep[] = "input.too-deep";
/// Past `limits::max_elements`.
inline constexpr char input_too_many_elements[] = "input.too-many-elements";
/// A string or key past its length limit.
inline constexpr char input_string_too_long[] = "input.string-too-long";
/// A member name appears twice in one object.
inline constexpr char input_duplicate_key[] = "input.duplicate-key";
/// Beyond double range, an integer above INT64_MAX, or NaN/infinity built in code.
inline constexpr char input_number_out_of_range[] = "input.number-out-of-range";
/// A path could not be read (the CLI): missing, not a regular file, a dangling or looping symbolic link.
inline constexpr char input_unreadable[] = "input.unreadable";
/// A linked file (or a symbolic link in a directory) lies outside the trees the CLI may read; it is not read.
inline constexpr char input_outside_root[] = "input.outside-root";
/// More findings than a report lists.
inline constexpr char input_findings_truncated[] = "input.findings-truncated";

}  // namespace dlm::rules

#endif  // DLM_RULES_HPP
