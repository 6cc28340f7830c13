#include "app/core/jobs/job.h"

#include <QCoreApplication>

namespace fetchmedia {

QString jobStateName(JobState state)
{
    const char *text = "";
    switch (state) {
    case JobState::Queued: text = QT_TRANSLATE_NOOP("JobState", "Queued"); break;
    case JobState::Submitting: text = QT_TRANSLATE_NOOP("JobState", "Submitting"); break;
    case JobState::Pending: text = QT_TRANSLATE_NOOP("JobState", "Waiting on server"); break;
    case JobState::Running: text = QT_TRANSLATE_NOOP("JobState", "Fetching on server"); break;
    case JobState::Downloading: text = QT_TRANSLATE_NOOP("JobState", "Downloading"); break;
    case JobState::Done: text = QT_TRANSLATE_NOOP("JobState", "Done"); break;
    case JobState::Failed: text = QT_TRANSLATE_NOOP("JobState", "Failed"); break;
    case JobState::Cancelled: text = QT_TRANSLATE_NOOP("JobState", "Cancelled"); break;
    }
    return QCoreApplication::translate("JobState", text);
}

QString jobStateKey(JobState state)
{
    switch (state) {
    case JobState::Queued: return QStringLiteral("queued");
    case JobState::Submitting: return QStringLiteral("submitting");
    case JobState::Pending: return QStringLiteral("pending");
    case JobState::Running: return QStringLiteral("running");
    case JobState::Downloading: return QStringLiteral("downloading");
    case JobState::Done: return QStringLiteral("done");
    case JobState::Failed: return QStringLiteral("failed");
    case JobState::Cancelled: return QStringLiteral("cancelled");
    }
    return QString();
}

bool isActive(JobState state)
{
    return state == JobState::Submitting || state == JobState::Pending
        || state == JobState::Running || state == JobState::Downloading;
}

bool isFinished(JobState state)
{
    return state == JobState::Done || state == JobState::Failed || state == JobState::Cancelled;
}

} // namespace fetchmedia
