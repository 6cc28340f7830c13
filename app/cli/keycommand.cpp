#include "app/cli/keycommand.h"

#include "app/cli/clioutput.h"
#include "app/cli/fetchcommand.h"
#include "app/core/api/apiclient.h"
#include "app/core/storage/apikeyinput.h"
#include "app/core/storage/secretstore.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>

#if defined(Q_OS_UNIX)
#include <termios.h>
#include <unistd.h>
#endif

namespace fetchmedia {

namespace {


// Everything on standard input, at most limit bytes. At a terminal the typing is not echoed.
QByteArray readStandardInput(qint64 limit)
{
#if defined(Q_OS_UNIX)
    const bool terminal = isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal && tcgetattr(STDIN_FILENO, &saved) == 0) {
        std::fputs("API key (input hidden, then Enter): ", stderr);
        std::fflush(stderr);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        char line[1024] = {};
        const bool got = std::fgets(line, sizeof line, stdin) != nullptr;
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputs("\n", stderr);
        return got ? QByteArray(line) : QByteArray();
    }
#endif
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return QByteArray();
    return in.read(limit);
}

QString sourceName(KeySource source)
{
    switch (source) {
    case KeySource::Environment: return QStringLiteral("environment (FETCHMEDIA_API_KEY)");
    case KeySource::Keychain: return QStringLiteral("system keychain");
    case KeySource::SessionOnly: return QStringLiteral("this session");
    case KeySource::None: return QStringLiteral("none");
    }
    return QString();
}

} // namespace

KeyCommand::KeyCommand(KeyOptions options, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_network(new QNetworkAccessManager(this)),
      m_secrets(new SecretStore(this))
{
}

KeyCommand::~KeyCommand() = default;

bool KeyCommand::isAction(const QString &action)
{
    return action == QLatin1String("set") || action == QLatin1String("status")
        || action == QLatin1String("test") || action == QLatin1String("delete");
}

void KeyCommand::start()
{
    if (m_options.action == QLatin1String("set"))
        set();
    else if (m_options.action == QLatin1String("status"))
        status();
    else if (m_options.action == QLatin1String("test"))
        test();
    else
        remove();
}

void KeyCommand::finish(int exitCode)
{
    // Leave the event loop after the current callback has unwound.
    QTimer::singleShot(0, this, [this, exitCode] { Q_EMIT finished(exitCode); });
}

void KeyCommand::set()
{
    // Read a little more than any key can be, so that junk is recognised as junk.
    const QByteArray bytes = readStandardInput(4 * ApiKeyInput::kMaxLength + 1);
    const ApiKeyInput input = ApiKeyInput::fromPasted(QString::fromUtf8(bytes));
    if (input.verdict == ApiKeyInput::Verdict::Empty) {
        printLine(stderr, tr("No key on standard input. Usage: printf '%s' \"$KEY\" | fetchmedia-cli key set"));
        finish(ExitUsage);
        return;
    }
    if (!input.accepted()) {
        printLine(stderr, input.hint + tr(" Nothing was stored."));
        finish(ExitUsage);
        return;
    }
    if (!input.hint.isEmpty())
        printLine(stderr, tr("Warning: %1").arg(input.hint));
    const QString host = m_options.apiBase.host();
    const QString masked = input.masked(input.key);
    m_secrets->writeKey(host, input.key, this, [this, host, masked](const SecretResult &result) {
        switch (result.status) {
        case SecretStatus::Ok:
            printLine(stdout, tr("Saved %1 for %2 in the system keychain.").arg(masked, host));
            if (!SecretStore::environmentKey().isEmpty())
                printLine(stderr, tr("Note: FETCHMEDIA_API_KEY is set and wins over the keychain."));
            finish(ExitOk);
            return;
        case SecretStatus::NoBackend:
            printLine(stderr, tr("No system keychain available (%1): nothing was stored. Start a "
                                 "Secret Service (GNOME Keyring, KWallet 5.97+, KeePassXC) in your "
                                 "session, or set FETCHMEDIA_API_KEY for each run.").arg(result.message));
            finish(ExitNoKeychain);
            return;
        case SecretStatus::Locked:
            printLine(stderr, tr("The keychain is locked or access was refused (%1): nothing was "
                                 "stored. Unlock it and try again.").arg(result.message));
            finish(ExitFailed);
            return;
        case SecretStatus::NotFound:
        case SecretStatus::Error:
            printLine(stderr, tr("The keychain could not store the key (%1).").arg(result.message));
            finish(ExitFailed);
            return;
        }
    });
}

void KeyCommand::withCurrentKey(std::function<void(const QString &, const QString &)> use)
{
    const QString environmentKey = SecretStore::environmentKey();
    if (!environmentKey.isEmpty()) {
        use(environmentKey, sourceName(KeySource::Environment));
        return;
    }
    const QString host = m_options.apiBase.host();
    m_secrets->readKey(host, this, [this, host, use = std::move(use)](const SecretResult &result) {
        switch (result.status) {
        case SecretStatus::Ok:
            use(result.key.trimmed(), sourceName(KeySource::Keychain));
            return;
        case SecretStatus::NotFound:
            printLine(stdout, tr("No API key for %1 (source: none). Save one with "
                                 "\"fetchmedia-cli key set\".").arg(host));
            finish(ExitAuth);
            return;
        case SecretStatus::NoBackend:
            printLine(stderr, tr("No system keychain available (%1). Set FETCHMEDIA_API_KEY "
                                 "instead.").arg(result.message));
            finish(ExitNoKeychain);
            return;
        case SecretStatus::Locked:
            printLine(stderr, tr("The keychain is locked (%1): the key cannot be read. Nothing "
                                 "was changed.").arg(result.message));
            finish(ExitFailed);
            return;
        case SecretStatus::Error:
            printLine(stderr, tr("The keychain could not be read (%1).").arg(result.message));
            finish(ExitFailed);
            return;
        }
    });
}

void KeyCommand::status()
{
    withCurrentKey([this](const QString &key, const QString &source) {
        printLine(stdout, tr("API host: %1").arg(m_options.apiBase.host()));
        printLine(stdout, tr("Source: %1").arg(source));
        printLine(stdout, tr("Key: %1").arg(ApiKeyInput::masked(key)));
        finish(ExitOk);
    });
}

void KeyCommand::test()
{
    withCurrentKey([this](const QString &key, const QString &source) {
        auto *api = new ApiClient(m_network, this);
        api->setBaseUrl(m_options.apiBase);
        api->setApiKey(key);
        api->setTransferTimeout(std::chrono::milliseconds(15000));
        const QString masked = ApiKeyInput::masked(key);
        api->testConnection(this, [this, masked, source](const ApiError &error) {
            const QString host = m_options.apiBase.host();
            switch (error.kind) {
            case ErrorKind::None:
                printLine(stdout, tr("Connected to %1 with %2 (%3).").arg(host, masked, source));
                finish(ExitOk);
                return;
            case ErrorKind::Auth:
                printLine(stderr, tr("Key invalid or expired: %1 refused %2 (%3).")
                                      .arg(host, masked, error.message));
                finish(ExitAuth);
                return;
            case ErrorKind::Transient:
                printLine(stderr, tr("Server unreachable: %1 (%2).").arg(host, error.message));
                finish(ExitFailed);
                return;
            default:
                printLine(stderr, tr("The connection test failed: %1").arg(error.summary()));
                finish(ExitFailed);
                return;
            }
        });
    });
}

void KeyCommand::remove()
{
    const QString host = m_options.apiBase.host();
    m_secrets->deleteKey(host, this, [this, host](const SecretResult &result) {
        switch (result.status) {
        case SecretStatus::Ok:
            printLine(stdout, tr("Deleted the key for %1 from the system keychain.").arg(host));
            finish(ExitOk);
            return;
        case SecretStatus::NotFound:
            printLine(stdout, tr("No key was stored for %1.").arg(host));
            finish(ExitOk);
            return;
        case SecretStatus::NoBackend:
            printLine(stderr, tr("No system keychain available (%1).").arg(result.message));
            finish(ExitNoKeychain);
            return;
        case SecretStatus::Locked:
            printLine(stderr, tr("The keychain is locked (%1): nothing was deleted.").arg(result.message));
            finish(ExitFailed);
            return;
        case SecretStatus::Error:
            printLine(stderr, tr("The keychain could not delete the key (%1).").arg(result.message));
            finish(ExitFailed);
            return;
        }
    });
}

} // namespace fetchmedia
