#include "app/core/storage/secretstore.h"

#include "app/core/logging.h"
#include "fetchmedia_version.h"

#include <qt6keychain/keychain.h>

namespace fetchmedia {

namespace {

SecretStatus statusOf(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError: return SecretStatus::Ok;
    case QKeychain::EntryNotFound: return SecretStatus::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser: return SecretStatus::Locked;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented: return SecretStatus::NoBackend;
    // Without a D-Bus session QtKeychain reports OtherError ("Cannot autolaunch D-Bus"):
    // for the person that is the same as having no keychain.
    case QKeychain::OtherError: return SecretStatus::NoBackend;
    case QKeychain::CouldNotDeleteEntry: return SecretStatus::Error;
    }
    return SecretStatus::Error;
}

template<typename JobType>
JobType *makeJob(QObject *parent, const QString &apiHost)
{
    auto *job = new JobType(SecretStore::serviceName(), parent);
    job->setAutoDelete(true);
    job->setKey(SecretStore::entryName(apiHost));
    return job;
}

void connectDone(QKeychain::Job *job, QObject *context,
                 std::function<void(const SecretResult &)> done,
                 std::function<QString(QKeychain::Job *)> readSecret)
{
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done = std::move(done), readSecret = std::move(readSecret)](QKeychain::Job *finished) {
                         SecretResult result;
                         result.status = statusOf(finished->error());
                         result.message = finished->errorString();
                         if (result.status == SecretStatus::Ok && readSecret)
                             result.key = readSecret(finished);
                         qCInfo(lcStorage) << "keychain" << finished->key() << "status"
                                           << int(result.status);
                         done(result);
                     });
}

} // namespace

SecretStore::SecretStore(QObject *parent) : QObject(parent) {}

QString SecretStore::serviceName()
{
    return QStringLiteral(FETCHMEDIA_APP_ID);
}

QString SecretStore::entryName(const QString &apiHost)
{
    return QStringLiteral("api-key@") + apiHost.toLower();
}

QString SecretStore::environmentKey()
{
    return qEnvironmentVariable("FETCHMEDIA_API_KEY").trimmed();
}

void SecretStore::readKey(const QString &apiHost, std::function<void(const SecretResult &)> done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(this, apiHost);
    connectDone(job, this, std::move(done), [](QKeychain::Job *finished) {
        return static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
    });
    job->start();
}

void SecretStore::writeKey(const QString &apiHost, const QString &key,
                           std::function<void(const SecretResult &)> done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(this, apiHost);
    job->setTextData(key);
    connectDone(job, this, std::move(done), {});
    job->start();
}

void SecretStore::deleteKey(const QString &apiHost, std::function<void(const SecretResult &)> done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(this, apiHost);
    connectDone(job, this, std::move(done), {});
    job->start();
}

} // namespace fetchmedia
