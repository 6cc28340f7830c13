#pragma once

#include "app/core/api/apierror.h"
#include "app/core/intake/platform.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

namespace fetchmedia {

enum class JobState {
    Queued,      // waiting for a free slot
    Submitting,  // POST /fetch under way
    Pending,     // the service has it, not started
    Running,     // the service is fetching
    Downloading, // bytes are coming to disk
    Done,
    Failed,
    Cancelled,
};

QString jobStateName(JobState state); // for people: "Queued", "Downloading", …
QString jobStateKey(JobState state);  // stable: "queued", "downloading", … (CLI, JSON)
bool isActive(JobState state);        // holds a slot of the concurrency cap
bool isFinished(JobState state);      // done, failed or cancelled

using JobId = quint64;

struct Job {
    JobId id = 0;
    QUrl sourceUrl;
    Platform platform = Platform::Other;
    QString title;           // empty until something names the media
    QUrl thumbnailUrl;       // from /fetch/metadata; fetched without the key
    QByteArray idempotencyKey;
    QString fetchId;
    // The API's download_url (never the signed one), fully encoded. Kept as text: a parsed
    // QUrl per job costs about three times the memory, and it is parsed only when used.
    QString downloadUrl;
    JobState state = JobState::Queued;
    qint64 bytesReceived = 0;
    qint64 bytesTotal = -1;
    QString filePath;        // the final file once done
    ApiError error;          // why it failed, or the last transient trouble
    QDateTime addedAt;
    // Persistence and dedupe (the job store keeps these across restarts).
    QString partPath;        // the .part being written, resumed after a restart
    QByteArray etag;         // of the file being downloaded, for If-Range on resume
    QString dedupeKey;       // "platform:id" from the link or, later, the canonical URL
    bool allowDuplicate = false; // the person chose "add anyway"

    QUrl downloadLink() const { return QUrl(downloadUrl, QUrl::StrictMode); }
    QString displayTitle() const { return title.isEmpty() ? sourceUrl.toDisplayString() : title; }
};

} // namespace fetchmedia
