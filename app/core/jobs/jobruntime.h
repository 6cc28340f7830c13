#pragma once

// The per-job in-flight bookkeeping of JobQueue, shared by its two implementation files.
// Not part of the queue's interface.

#include "app/core/api/apiclient.h"
#include "app/core/jobs/download.h"
#include "app/core/jobs/jobqueue.h"

#include <memory>

namespace fetchmedia {

struct JobQueue::Runtime {
    ApiCallHandle call;
    std::unique_ptr<Download> download;
    int pollDelayMs = 0;
    qint64 pollStartedMs = 0;
    int attempts = 0; // automatic tries of the current step
    qint64 firstFailureMs = 0;
    bool titleAsked = false;
    bool resubmitted = false; // a fetch the service forgot was created anew once
};

} // namespace fetchmedia
