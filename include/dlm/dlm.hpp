#ifndef DLM_DLM_HPP
#define DLM_DLM_HPP

/// The whole library: the typed model of the STAC Deep Learning Model extension (dlm v1.0.0-beta.3), its JSON
/// conversions, the Item/Collection glue, the hardened reader, the upgrade step, the validator, the deployment view,
/// the model / imagery match and preprocessing.
/// The test-framework helpers (dlm/testing/...) and <dlm/src.hpp> (compiled mode) are not included here.

#include <dlm/builder.hpp>
#include <dlm/companions.hpp>
#include <dlm/deployment.hpp>
#include <dlm/edit.hpp>
#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/extensions.hpp>
#include <dlm/json.hpp>
#include <dlm/limits.hpp>
#include <dlm/match.hpp>
#include <dlm/mlm.hpp>
#include <dlm/mlm_options.hpp>
#include <dlm/migrate.hpp>
#include <dlm/model.hpp>
#include <dlm/parse.hpp>
#include <dlm/patch.hpp>
#include <dlm/preprocess.hpp>
#include <dlm/report.hpp>
#include <dlm/report_text.hpp>
#include <dlm/rules.hpp>
#include <dlm/stac.hpp>
#include <dlm/summaries.hpp>
#include <dlm/upgrade.hpp>
#include <dlm/validator.hpp>
#include <dlm/validator_options.hpp>
#include <dlm/version.hpp>

#endif  // DLM_DLM_HPP
