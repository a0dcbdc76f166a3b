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
/// The document is marked `deprecated: true` (version extension): a warning naming its latest version when linked.
inline constexpr char stac_deprecated[] = "stac.deprecated";

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
/// An invalid document has legacy forms that `dlm upgrade` rewrites (beta.2 names, `dl-model`, a numeric version).
inline constexpr char dlm_legacy_upgradable[] = "dlm.legacy.upgradable";

// ---- deployment view (dlm/deployment.hpp) ----------------------------------------------------------------------
/// A selected band that no source names (useful_bands, eo:bands, STAC 1.1 bands).
inline constexpr char deploy_band_unnamed[] = "deploy.band.unnamed";
/// Two band sources give a selected band different names.
inline constexpr char deploy_band_conflict[] = "deploy.band.conflict";
/// A channel has no usable affine: its mean or std is missing, or std or scaling_factor is not > 0.
inline constexpr char deploy_normalization_undefined[] = "deploy.normalization.undefined";
/// An input tensor leaves a dimension (batch, dim, height, width) unstated.
inline constexpr char deploy_tensor_dimension_unknown[] = "deploy.tensor.dimension-unknown";
/// An input tensor's `dim` differs from the number of selected bands.
inline constexpr char deploy_tensor_channels_mismatch[] = "deploy.tensor.channels-mismatch";
/// `nodata` is a string that names no number ("nan", "inf", "-inf" or a decimal number).
inline constexpr char deploy_nodata_unrecognized[] = "deploy.nodata.unrecognized";
/// `nodata` is a decimal number written as a string.
inline constexpr char deploy_nodata_string_number[] = "deploy.nodata.string-number";
/// `nodata` cannot occur in the data type (e.g. -1 for uint16, NaN for an integer type, a fraction).
inline constexpr char deploy_nodata_out_of_range[] = "deploy.nodata.out-of-range";
/// `data_type` names no fixed pixel layout a service can read (other, longfloat, float96, float128).
inline constexpr char deploy_data_type_unsupported[] = "deploy.data-type.unsupported";
/// `data_type` is a numpy name whose width depends on the platform (int_, uint).
inline constexpr char deploy_data_type_platform_dependent[] = "deploy.data-type.platform-dependent";
/// The number of classes is not stated for a task that has classes.
inline constexpr char deploy_classes_count_unknown[] = "deploy.classes.count-unknown";
/// A class index in [0, number_of_classes) has no name.
inline constexpr char deploy_classes_unnamed[] = "deploy.classes.unnamed";
/// A class entry that cannot be placed (index out of range, or named twice).
inline constexpr char deploy_classes_invalid[] = "deploy.classes.invalid";
/// No docker option is described.
inline constexpr char deploy_docker_none[] = "deploy.docker.none";
/// A docker option names an image without a tag (docker would pick `latest`).
inline constexpr char deploy_docker_untagged[] = "deploy.docker.untagged";
/// A docker option gives a tag both in `image_name` and in `tag`, or a `tag` without `image_name`.
inline constexpr char deploy_docker_tag_conflict[] = "deploy.docker.tag-conflict";
/// A docker option has neither `image_name` nor `docker_file`.
inline constexpr char deploy_docker_no_image[] = "deploy.docker.no-image";

// ---- model / imagery match (dlm/match.hpp) ------------------------------------------------------------------
/// No imagery band can feed a model channel (blocking).
inline constexpr char match_band_missing[] = "match.band.missing";
/// Several imagery bands could feed a model channel equally well (blocking).
inline constexpr char match_band_ambiguous[] = "match.band.ambiguous";
/// A model channel was matched by position only.
inline constexpr char match_band_by_index[] = "match.band.by-index";
/// The imagery does not state a feeding band's data type.
inline constexpr char match_data_type_unknown[] = "match.data-type.unknown";
/// The imagery band's data type cannot be converted (complex, or no fixed layout).
inline constexpr char match_data_type_unsupported[] = "match.data-type.unsupported";
/// The imagery band declares a scale/offset, and the model does not say whether it expects raw or scaled values.
inline constexpr char match_scale_offset[] = "match.scale-offset";
/// The second document holds no asset with band information (blocking).
inline constexpr char match_imagery_no_bands[] = "match.imagery.no-bands";
/// The model's task does not align with the label Item's `label:tasks`.
inline constexpr char match_label_task[] = "match.label.task";
/// The model's nodata is not a class of the raster label Item (so it is not its background class).
inline constexpr char match_label_nodata[] = "match.label.nodata";

// ---- export to mlm (dlm::export_mlm) and the deprecation note -----------------------------------------------
/// A dlm field with no mlm home: kept as a non-`mlm:` field, moved, or dropped.
inline constexpr char mlm_unmapped[] = "mlm.unmapped";
/// A value mlm requires that dlm cannot give (model asset, `mlm:name`, a task): supplied by an option, or missing.
inline constexpr char mlm_required[] = "mlm.required";
/// A value the export chose where dlm says nothing exact (which, and why).
inline constexpr char mlm_assumed[] = "mlm.assumed";
/// The dlm extension is deprecated in favour of mlm (the CLI's note once per `dlm validate` run).
inline constexpr char dlm_deprecated[] = "dlm.deprecated";

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
/// A string or member name built in code that is not valid UTF-8 (JSON text cannot hold it).
inline constexpr char input_invalid_utf8[] = "input.invalid-utf8";
/// Beyond double range, an integer above INT64_MAX, or NaN/infinity built in code.
inline constexpr char input_number_out_of_range[] = "input.number-out-of-range";
/// A path could not be read (the CLI): missing, not a regular file, a dangling or looping symbolic link.
inline constexpr char input_unreadable[] = "input.unreadable";
/// A linked file (or a symbolic link in a directory) lies outside the trees the CLI may read; it is not read.
inline constexpr char input_outside_root[] = "input.outside-root";
/// A local `child`/`item` link leads to no file (the CLI with --links), reported on the linking document.
inline constexpr char input_link_broken[] = "input.link-broken";
/// A local asset href leads to no file (the CLI with --assets).
inline constexpr char input_asset_missing[] = "input.asset-missing";
/// More findings than a report lists.
inline constexpr char input_findings_truncated[] = "input.findings-truncated";

}  // namespace dlm::rules

#endif  // DLM_RULES_HPP
