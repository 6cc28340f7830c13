#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QNetworkReply>
#include <QString>

namespace fetchmedia {

// What the person and the queue should do about a failed request. Every HTTP status, error
// body and network error is mapped to one of these in mapApiError(), and nowhere else.
enum class ErrorKind {
    None,         // success
    Auth,         // key missing, invalid or expired: stop everything, ask for a key
    RateLimited,  // 429: wait, then resume
    Transient,    // network trouble, timeouts, 5xx: retry with backoff
    InvalidInput, // 400/422: tell the person, never retry
    NotFound,     // 404: the service does not know the thing
    Protocol,     // the answer is not what the contract promises (malformed JSON, missing field)
    JobFailed,    // the service ran the job and it failed
    Local,        // disk, permissions, file names
    Cancelled,    // the person cancelled
};

QString errorKindName(ErrorKind kind);

struct ApiError {
    ErrorKind kind = ErrorKind::None;
    int httpStatus = 0;     // 0 when no HTTP answer arrived
    QString code;           // machine code from the body ("invalid_token"), or derived
    QString message;        // human message, from the service when it gave one
    QString requestId;      // X-Request-Id of the answer, when present
    int retryAfterSeconds = -1; // body retry_after on 429, -1 when absent

    bool isError() const { return kind != ErrorKind::None; }
    bool isRetryable() const
    {
        return kind == ErrorKind::Transient || kind == ErrorKind::RateLimited;
    }
    // One line for a status column or a terminal.
    QString summary() const;
};

// Inputs of the mapping, gathered from a finished reply (or written by hand in tests).
struct ReplyFacts {
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;
    int httpStatus = 0;
    QByteArray body;
    QByteArray requestId;
    bool cancelledByUser = false; // tagged on the reply when the person cancelled
    bool timedOut = false;        // tagged when our transfer timeout fired
};

ApiError mapApiError(const ReplyFacts &facts);

// The human message of an error body in any of the documented shapes, empty when none.
QString errorBodyMessage(const QByteArray &body);

} // namespace fetchmedia

Q_DECLARE_METATYPE(fetchmedia::ApiError)
