#pragma once

#include <QDialog>

namespace fetchmedia {

struct Job;

// Everything known about one job, for the person and for a support request: the source link,
// state, fetch id, file, and for a failure the service's message, HTTP status and request id.
class JobDetailsDialog final : public QDialog
{
    Q_OBJECT
public:
    JobDetailsDialog(const Job &job, bool canRetry, QWidget *parent = nullptr);

    static QString detailsText(const Job &job);

Q_SIGNALS:
    void retryRequested();
};

} // namespace fetchmedia
