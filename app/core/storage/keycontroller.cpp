#include "app/core/storage/keycontroller.h"

#include "app/core/storage/settings.h"

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/logging.h"

#include <QPointer>

namespace fetchmedia {

KeyController::KeyController(SecretStorage *storage, ApiClient *api, JobQueue *queue,
                             QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_storage(storage), m_api(api), m_queue(queue), m_network(network)
{
#if defined(Q_OS_LINUX)
    m_startRetryDelayMs = 2500;
#endif
    m_patience.setSingleShot(true);
    m_patience.setInterval(15000);
    connect(&m_patience, &QTimer::timeout, this, [this] {
        if (m_keychainState != KeychainState::Waiting)
            return;
        qCInfo(lcStorage) << "keychain has not answered yet; its job keeps running";
        m_keychainState = KeychainState::Slow;
        Q_EMIT changed();
    });
    connect(m_api, &ApiClient::authenticationFailed, this, &KeyController::onAuthenticationFailed);
    applyQueueState();
}

QString KeyController::apiHost() const
{
    return m_api->baseUrl().host();
}

QUrl KeyController::apiBaseUrl() const
{
    return m_api->baseUrl();
}

void KeyController::start()
{
    if (m_sandbox)
        return;
    const QString environmentKey = SecretStore::environmentKey();
    if (!environmentKey.isEmpty()) {
        ++m_generation;
        m_keychainState = KeychainState::Unknown;
        use(environmentKey, KeySource::Environment);
        return;
    }
    readFromKeychain(m_startRetryDelayMs >= 0);
}

void KeyController::readFromKeychain(bool startRetryAllowed)
{
    const quint64 generation = ++m_generation;
    m_lastOperation = Operation::Read;
    m_keychainState = KeychainState::Waiting;
    if (m_key.isEmpty())
        m_keyState = KeyState::Waiting;
    applyQueueState();
    m_patience.start();
    Q_EMIT changed();
    m_storage->readKey(apiHost(), this, [this, generation, startRetryAllowed](const SecretResult &result) {
        if (generation != m_generation || m_sandbox)
            return; // superseded: a newer call, the sandbox, or the environment decides
        m_patience.stop();
        onRead(result, startRetryAllowed);
    });
}

void KeyController::onRead(const SecretResult &result, bool startRetryAllowed)
{
    // A key the person gave for this session is never replaced by a keychain answer.
    const bool keychainDecides = m_source == KeySource::None || m_source == KeySource::Keychain;
    switch (result.status) {
    case SecretStatus::Ok:
        setKeychainAnswer(Operation::Read, result);
        if (keychainDecides && !result.key.trimmed().isEmpty()) {
            use(result.key.trimmed(), KeySource::Keychain);
            return;
        }
        if (keychainDecides)
            forget(KeyState::Missing);
        break;
    case SecretStatus::NotFound:
        setKeychainAnswer(Operation::Read, result);
        if (keychainDecides)
            forget(KeyState::Missing);
        break;
    case SecretStatus::Locked:
        // Not "no key": the entry is still there, we just may not read it. Nothing is written.
        setKeychainAnswer(Operation::Read, result);
        break;
    case SecretStatus::NoBackend:
        if (startRetryAllowed) {
            qCInfo(lcStorage) << "no keychain yet; asking once more in" << m_startRetryDelayMs << "ms";
            const quint64 generation = m_generation;
            QTimer::singleShot(m_startRetryDelayMs, this, [this, generation] {
                if (generation == m_generation && !m_sandbox)
                    readFromKeychain(false);
            });
            return;
        }
        setKeychainAnswer(Operation::Read, result);
        if (m_key.isEmpty())
            m_keyState = KeyState::Missing;
        break;
    case SecretStatus::Error:
        setKeychainAnswer(Operation::Read, result);
        if (m_key.isEmpty())
            m_keyState = KeyState::Missing;
        break;
    }
    applyQueueState();
    Q_EMIT changed();
}

void KeyController::setKeychainAnswer(Operation operation, const SecretResult &result)
{
    m_lastOperation = operation;
    m_keychainMessage = result.message;
    switch (result.status) {
    case SecretStatus::Ok:
    case SecretStatus::NotFound: m_keychainState = KeychainState::Available; break;
    case SecretStatus::Locked: m_keychainState = KeychainState::Locked; break;
    case SecretStatus::NoBackend: m_keychainState = KeychainState::Unavailable; break;
    case SecretStatus::Error: m_keychainState = KeychainState::Failed; break;
    }
}

void KeyController::retryKeychain()
{
    if (m_sandbox || m_source == KeySource::Environment)
        return;
    if (m_lastOperation == Operation::Write && m_source == KeySource::SessionOnly && !m_key.isEmpty())
        saveKey(m_key);
    else if (m_lastOperation == Operation::Delete)
        removeKey();
    else
        readFromKeychain(false);
}

ApiKeyInput KeyController::saveKey(const QString &pasted)
{
    ApiKeyInput input = ApiKeyInput::fromPasted(pasted);
    if (!input.accepted() || !keyEditable())
        return input;
    const quint64 generation = ++m_generation;
    m_lastOperation = Operation::Write;
    m_keychainState = KeychainState::Waiting;
    m_patience.start();
    Q_EMIT changed();
    const QString key = input.key;
    m_storage->writeKey(apiHost(), key, this, [this, generation, key](const SecretResult &result) {
        if (generation != m_generation || m_sandbox)
            return;
        m_patience.stop();
        setKeychainAnswer(Operation::Write, result);
        const bool stored = result.status == SecretStatus::Ok;
        // Not stored (no keychain, locked): the key still works until quit, and the banner
        // says so. Nothing is written anywhere else.
        use(key, stored ? KeySource::Keychain : KeySource::SessionOnly);
        Q_EMIT saveFinished(stored);
    });
    return input;
}

ApiKeyInput KeyController::useForSession(const QString &pasted)
{
    ApiKeyInput input = ApiKeyInput::fromPasted(pasted);
    if (input.accepted() && keyEditable())
        use(input.key, KeySource::SessionOnly);
    return input;
}

void KeyController::removeKey()
{
    if (!keyEditable())
        return;
    if (m_source == KeySource::SessionOnly)
        forget(KeyState::Missing);
    const quint64 generation = ++m_generation;
    m_lastOperation = Operation::Delete;
    m_keychainState = KeychainState::Waiting;
    m_patience.start();
    Q_EMIT changed();
    m_storage->deleteKey(apiHost(), this, [this, generation](const SecretResult &result) {
        if (generation != m_generation || m_sandbox)
            return;
        m_patience.stop();
        setKeychainAnswer(Operation::Delete, result);
        const bool removed = result.status == SecretStatus::Ok || result.status == SecretStatus::NotFound;
        if (removed)
            forget(KeyState::Missing);
        Q_EMIT changed();
        Q_EMIT removeFinished(removed);
    });
}

void KeyController::useSandboxKey(const QString &key)
{
    ++m_generation; // keychain answers still on their way no longer matter
    m_patience.stop();
    m_sandbox = true;
    m_keychainState = KeychainState::Unknown;
    use(key, KeySource::SessionOnly);
}

void KeyController::use(const QString &key, KeySource source)
{
    m_key = key;
    m_source = source;
    m_refusal.clear();
    m_keyState = KeyState::Ready;
    m_api->setApiKey(key);
    qCInfo(lcStorage) << "key in use, source" << int(source);
    applyQueueState();
    Q_EMIT changed();
}

void KeyController::forget(KeyState state)
{
    m_key.clear();
    m_source = KeySource::None;
    m_keyState = state;
    m_api->setApiKey(QString());
    applyQueueState();
    Q_EMIT changed();
}

void KeyController::onAuthenticationFailed(const ApiError &error)
{
    if (m_keyState != KeyState::Ready)
        return;
    qCInfo(lcStorage) << "the service refused the key; the queue waits for a new one";
    m_refusal = error.message;
    m_keyState = KeyState::Refused;
    // Whatever is still in flight, nothing new leaves with the refused key.
    m_key.clear();
    m_api->setApiKey(QString());
    applyQueueState();
    Q_EMIT changed();
}

void KeyController::applyQueueState()
{
    m_queue->setPaused(m_keyState != KeyState::Ready);
}

void KeyController::testConnection(const QUrl &base, const QString &pasted, QObject *context,
                                   std::function<void(ConnectionResult, const QString &)> done)
{
    QString key = m_key;
    if (!pasted.trimmed().isEmpty()) {
        const ApiKeyInput input = ApiKeyInput::fromPasted(pasted);
        if (!input.accepted()) {
            done(ConnectionResult::Failed, input.hint);
            return;
        }
        key = input.key;
    }
    if (key.isEmpty()) {
        done(ConnectionResult::Failed, tr("There is no key to test: paste one first."));
        return;
    }
    if (auto problem = Settings::validateApiBaseUrl(base)) {
        done(ConnectionResult::Failed, *problem); // the key never travels to such a URL
        return;
    }
    // A client of its own: a refused candidate must not pause the queue or touch the key in use.
    auto *client = new ApiClient(m_network, this);
    client->setBaseUrl(base);
    client->setApiKey(key);
    client->setTransferTimeout(std::chrono::milliseconds(15000));
    const bool keyInUse = key == m_key && base.host() == apiHost();
    QPointer<QObject> guard(context);
    client->testConnection(client, [this, client, guard, keyInUse, done = std::move(done)](const ApiError &error) {
        client->deleteLater();
        if (error.kind == ErrorKind::Auth && keyInUse)
            onAuthenticationFailed(error);
        if (!guard)
            return;
        switch (error.kind) {
        case ErrorKind::None: done(ConnectionResult::Connected, QString()); return;
        case ErrorKind::Auth: done(ConnectionResult::KeyRefused, error.message); return;
        case ErrorKind::Transient: done(ConnectionResult::Unreachable, error.message); return;
        default: done(ConnectionResult::Failed, error.summary()); return;
        }
    });
}

} // namespace fetchmedia
