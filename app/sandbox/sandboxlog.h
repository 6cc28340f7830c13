#pragma once

#include <QtCore/QLoggingCategory>

namespace fetchmedia::sandbox {
// One category for the module; the request log is written at info level.
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)
} // namespace fetchmedia::sandbox
