#ifndef DLM_DLM_HPP
#define DLM_DLM_HPP

/// The whole library: the typed model of the STAC Deep Learning Model extension (dlm v1.0.0-beta.3), its JSON
/// conversions, the Item/Collection glue, the hardened reader, the upgrade step and the validator.
/// The test-framework helpers (dlm/testing/...) are not included here.

#include <dlm/edit.hpp>
#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/json.hpp>
#include <dlm/limits.hpp>
#include <dlm/migrate.hpp>
#include <dlm/model.hpp>
#include <dlm/parse.hpp>
#include <dlm/patch.hpp>
#include <dlm/report.hpp>
#include <dlm/rules.hpp>
#include <dlm/stac.hpp>
#include <dlm/upgrade.hpp>
#include <dlm/validator.hpp>
#include <dlm/validator_options.hpp>
#include <dlm/version.hpp>

#endif  // DLM_DLM_HPP
