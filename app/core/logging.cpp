#include "app/core/logging.h"

Q_LOGGING_CATEGORY(lcApi, "fetchmedia.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcJobs, "fetchmedia.jobs", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDownload, "fetchmedia.download", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "fetchmedia.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIntake, "fetchmedia.intake", QtInfoMsg)
