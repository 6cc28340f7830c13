#include "ui/jobdetailsdialog.h"

#include "app/core/jobs/job.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fetchmedia {

QString JobDetailsDialog::detailsText(const Job &job)
{
    QStringList lines;
    lines << tr("Link: %1").arg(job.sourceUrl.toDisplayString());
    lines << tr("Platform: %1").arg(platformDisplayName(job.platform));
    lines << tr("Status: %1").arg(jobStateName(job.state));
    if (!job.fetchId.isEmpty())
        lines << tr("Fetch id: %1").arg(job.fetchId);
    if (!job.filePath.isEmpty())
        lines << tr("File: %1").arg(QDir::toNativeSeparators(job.filePath));
    if (job.error.isError()) {
        lines << QString();
        lines << tr("Reason: %1").arg(job.error.message);
        lines << tr("Kind: %1 (%2)").arg(errorKindName(job.error.kind), job.error.code);
        if (job.error.httpStatus > 0)
            lines << tr("HTTP status: %1").arg(job.error.httpStatus);
        if (!job.error.requestId.isEmpty())
            lines << tr("Request id: %1").arg(job.error.requestId);
    }
    return lines.join(QLatin1Char('\n'));
}

JobDetailsDialog::JobDetailsDialog(const Job &job, bool canRetry, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Job details"));
    resize(560, 300);
    auto *text = new QPlainTextEdit(detailsText(job), this);
    text->setReadOnly(true);
    text->setAccessibleName(tr("Job details"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    if (canRetry) {
        QPushButton *retry = buttons->addButton(tr("Retry"), QDialogButtonBox::ActionRole);
        connect(retry, &QPushButton::clicked, this, [this] {
            Q_EMIT retryRequested();
            accept();
        });
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
}

} // namespace fetchmedia
