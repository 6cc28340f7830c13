// fetchmedia: the desktop app. Everything but argument parsing lives in Application and below.
#include "app/application.h"
#include "app/core/instance/singleinstance.h"
#include "app/core/intake/linkintake.h"
#include "app/core/storage/settings.h"
#include "fetchmedia_version.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QNetworkProxyFactory>
#include <QMessageBox>

#include <cstdio>

using namespace fetchmedia;

namespace {

struct Options {
    QCommandLineOption sandbox{QStringLiteral("sandbox"),
                               QCoreApplication::translate("main", "Use the built-in API emulator; no account or key needed.")};
    QCommandLineOption downloadDir{QStringLiteral("download-dir"),
                                   QCoreApplication::translate("main", "Save downloads in this folder for this run."),
                                   QStringLiteral("dir")};
    QCommandLineOption apiBase{QStringLiteral("api-base"),
                               QCoreApplication::translate("main", "API base URL for this run."), QStringLiteral("url")};
};

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("FetchMedia"));
    QCoreApplication::setApplicationName(QStringLiteral("fetchmedia"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FETCHMEDIA_VERSION));
}

void setUpParser(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "FetchMedia Desktop: paste links to public videos, get the files."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({options.sandbox, options.downloadDir, options.apiBase});
    parser.addPositionalArgument(QStringLiteral("urls"),
                                 QCoreApplication::translate("main", "Links to add to the queue."),
                                 QStringLiteral("[URL...]"));
}

// --help and --version print text and quit: they must work with no display at all.
bool asksForTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--help" || argument == "-h" || argument == "--help-all" || argument == "-?"
            || argument == "--version" || argument == "-v")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (asksForTextOnly(argc, argv)) {
        QCoreApplication app(argc, argv);
        setApplicationNames();
        const Options options;
        QCommandLineParser parser;
        setUpParser(parser, options);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("FetchMedia"));
    QGuiApplication::setDesktopFileName(QStringLiteral(FETCHMEDIA_APP_ID));
    // The system's proxy settings apply, as in a browser.
    QNetworkProxyFactory::setUseSystemConfiguration(true);

    const Options commandLine;
    QCommandLineParser parser;
    setUpParser(parser, commandLine);
    parser.process(app);

    StartOptions options;
    options.sandbox = parser.isSet(commandLine.sandbox);
    if (parser.isSet(commandLine.downloadDir))
        options.downloadFolder = QDir(parser.value(commandLine.downloadDir)).absolutePath();
    if (parser.isSet(commandLine.apiBase)) {
        options.apiBase = QUrl(parser.value(commandLine.apiBase), QUrl::StrictMode);
        if (auto problem = Settings::validateApiBaseUrl(options.apiBase)) {
            // Started from a menu there is no terminal to read: say it in a window too.
            std::fprintf(stderr, "fetchmedia: %s\n", qPrintable(*problem));
            QMessageBox::critical(nullptr, QObject::tr("FetchMedia"),
                                  QObject::tr("The API base URL %1 was refused: %2")
                                      .arg(options.apiBase.toDisplayString(), *problem));
            return 2;
        }
    }
    const QStringList positional = parser.positionalArguments();
    // One window per user: a running one takes the links and comes to the front (C30).
    SingleInstance instance;
    if (instance.start(positional) == SingleInstance::Role::Secondary)
        return 0;
    options.links = urlsOf(linksFromArguments(positional).links);

    Application application(options);
    QObject::connect(&instance, &SingleInstance::argumentsReceived, &application,
                     [&application](const QStringList &arguments) {
                         if (MainWindow *window = application.window())
                             window->receiveArguments(arguments);
                     });
    QString problem;
    if (!application.start(&problem)) {
        QMessageBox::critical(nullptr, QObject::tr("FetchMedia"),
                              QObject::tr("FetchMedia could not start: %1").arg(problem));
        return 1;
    }
    return QApplication::exec();
}
