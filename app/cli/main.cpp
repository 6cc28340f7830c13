// fetchmedia-cli: the same core as the app, no widgets.
#include "app/cli/extractcommand.h"
#include "app/cli/fetchcommand.h"
#include "app/cli/keycommand.h"
#include "app/core/intake/linkextractor.h"
#include "app/core/storage/settings.h"
#include "fetchmedia_version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>

#include <cstdio>

using namespace fetchmedia;

namespace {

int usageError(const QString &message)
{
    std::fprintf(stderr, "fetchmedia-cli: %s\nTry 'fetchmedia-cli --help'.\n", qPrintable(message));
    return ExitUsage;
}

// `key ACTION`: the key comes from standard input, never from an argument.
int runKeyCommand(QCoreApplication &app, const QStringList &arguments, const QString &apiBaseText)
{
    if (arguments.size() != 1 || !KeyCommand::isAction(arguments.first()))
        return usageError(QStringLiteral("usage: fetchmedia-cli key set|status|test|delete [--api-base URL]"
                                         " (set reads the key from standard input)"));
    KeyOptions options;
    options.action = arguments.first();
    options.apiBase = apiBaseText.isEmpty() ? Settings().apiBaseUrl() : QUrl(apiBaseText, QUrl::StrictMode);
    if (auto problem = Settings::validateApiBaseUrl(options.apiBase))
        return usageError(*problem);
    KeyCommand command(options);
    QObject::connect(&command, &KeyCommand::finished, &app, [](int code) { QCoreApplication::exit(code); });
    command.start();
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FetchMedia"));
    QCoreApplication::setApplicationName(QStringLiteral("fetchmedia"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FETCHMEDIA_VERSION));
    // The system's proxy settings apply, as in a browser.
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    // stdout and stderr are the command's interface: the app's own log lines only on request
    // (QT_LOGGING_RULES=fetchmedia.*.info=true, or .debug).
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("fetchmedia.*.info=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main",
        "Fetch media from public video links through the FetchMedia API.\n\n"
        "Commands:\n"
        "  fetch URL...   submit each link, wait for the service, download the media\n"
        "  extract        list the links in standard input: URL, platform, key (tab-separated)\n"
        "  key set        store the API key read from standard input in the system keychain\n"
        "  key status     where the key comes from, and a masked form of it\n"
        "  key test       one authenticated call with the key\n"
        "  key delete     remove the key of the API host from the keychain\n\n"
        "The API key comes from FETCHMEDIA_API_KEY or the system keychain.\n"
        "Exit codes: 0 all succeeded, 1 some failed, 2 usage error, 3 authentication failed,\n"
        "4 no keychain available."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption apiBaseOption(
        QStringLiteral("api-base"),
        QCoreApplication::translate("main", "API base URL (default: settings, then %1).")
            .arg(Settings::defaultApiBaseUrl().toString()),
        QStringLiteral("url"));
    const QCommandLineOption outputOption(
        {QStringLiteral("o"), QStringLiteral("output")},
        QCoreApplication::translate("main", "Folder to save the media in (default: settings)."),
        QStringLiteral("dir"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"), QCoreApplication::translate("main", "One JSON object per job on stdout."));
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"),
        QCoreApplication::translate("main", "Run against the built-in API emulator; no key needed."));
    parser.addOptions({apiBaseOption, outputOption, jsonOption, sandboxOption});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QCoreApplication::translate("main", "fetch, extract or key (see Commands above)."));
    parser.addPositionalArgument(QStringLiteral("urls"),
                                 QCoreApplication::translate("main", "Links to fetch."),
                                 QStringLiteral("URL..."));
    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("fetchmedia-cli %s\n", FETCHMEDIA_VERSION);
        return ExitOk;
    }

    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(QStringLiteral("no command given"));
    const QString command = positional.takeFirst();
    if (command == QLatin1String("extract"))
        return positional.isEmpty() ? runExtract(parser.isSet(jsonOption))
                                    : usageError(QStringLiteral("extract reads standard input, it takes no links"));
    if (command == QLatin1String("key"))
        return runKeyCommand(app, positional, parser.isSet(apiBaseOption) ? parser.value(apiBaseOption) : QString());
    if (command != QLatin1String("fetch"))
        return usageError(QStringLiteral("unknown command '%1'").arg(command));

    FetchOptions options;
    options.json = parser.isSet(jsonOption);
    options.sandbox = parser.isSet(sandboxOption);
    Settings settings;
    options.apiBase = parser.isSet(apiBaseOption) ? QUrl(parser.value(apiBaseOption), QUrl::StrictMode)
                                                  : settings.apiBaseUrl();
    if (auto problem = Settings::validateApiBaseUrl(options.apiBase))
        return usageError(*problem);
    options.outputFolder = parser.isSet(outputOption) ? QDir(parser.value(outputOption)).absolutePath()
                                                      : settings.downloadFolder();
    if (positional.isEmpty())
        return usageError(QStringLiteral("no links given"));
    for (const QString &argument : positional) {
        const QList<QUrl> links = extractLinks(argument);
        if (links.isEmpty())
            return usageError(QStringLiteral("not a link: '%1'").arg(argument));
        for (const QUrl &link : links) {
            if (!options.links.contains(link))
                options.links.append(link);
        }
    }

    FetchCommand fetch(options);
    QObject::connect(&fetch, &FetchCommand::finished, &app, [](int code) { QCoreApplication::exit(code); });
    fetch.start();
    return QCoreApplication::exec();
}
