#include "app/sandbox/sandboxlog.h"

namespace fetchmedia::sandbox {
// Info enabled by default: the request log is the point of running the program.
Q_LOGGING_CATEGORY(lcSandbox, "fetchmedia.sandbox", QtInfoMsg)
} // namespace fetchmedia::sandbox
