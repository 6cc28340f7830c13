#include "app/core/api/fetchresources.h"

#include <QCoreApplication>

namespace fetchmedia {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FetchResources", text);
}

void setProblem(QString *problem, const QString &text)
{
    if (problem)
        *problem = text;
}

std::optional<RemoteStatus> parseStatus(const QString &text)
{
    if (text == QLatin1String("pending"))
        return RemoteStatus::Pending;
    if (text == QLatin1String("running"))
        return RemoteStatus::Running;
    if (text == QLatin1String("success"))
        return RemoteStatus::Success;
    if (text == QLatin1String("failed"))
        return RemoteStatus::Failed;
    return std::nullopt;
}

} // namespace

std::optional<QString> parseFetchCreated(const QJsonObject &body, QString *problem)
{
    // The contract names fetch_id; some revisions answer with id only.
    QString id = body.value(QLatin1String("fetch_id")).toString();
    if (id.isEmpty())
        id = body.value(QLatin1String("id")).toString();
    if (id.isEmpty()) {
        setProblem(problem, tr("The service accepted the link but sent no fetch id."));
        return std::nullopt;
    }
    return id;
}

std::optional<FetchInfo> parseFetchInfo(const QJsonObject &body, QString *problem)
{
    const QString statusText = body.value(QLatin1String("status")).toString();
    const std::optional<RemoteStatus> status = parseStatus(statusText);
    if (!status) {
        setProblem(problem, tr("The service sent an unknown fetch status \"%1\".")
                                .arg(statusText.left(40)));
        return std::nullopt;
    }
    FetchInfo info;
    info.id = body.value(QLatin1String("id")).toString();
    info.url = QUrl(body.value(QLatin1String("url")).toString());
    info.status = *status;
    info.downloadUrl = QUrl(body.value(QLatin1String("download_url")).toString());
    info.error = body.value(QLatin1String("error")).toString();
    if (info.status == RemoteStatus::Success
        && (info.downloadUrl.isEmpty() || !info.downloadUrl.isValid())) {
        setProblem(problem, tr("The fetch succeeded but the service sent no download link."));
        return std::nullopt;
    }
    return info;
}

MediaMetadata parseMetadata(const QJsonObject &body)
{
    MediaMetadata meta;
    meta.title = body.value(QLatin1String("title")).toString();
    meta.platform = body.value(QLatin1String("platform")).toString();
    meta.durationSeconds = body.value(QLatin1String("duration")).toDouble(-1);
    meta.thumbnail = QUrl(body.value(QLatin1String("thumbnail")).toString());
    return meta;
}

} // namespace fetchmedia
