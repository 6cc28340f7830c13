#include "app/sandbox/sandboxoptions.h"

#include "fetchmedia_version.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QRegularExpression>

namespace fetchmedia::sandbox {

namespace {

// Appended to --help: scripts and people need to know how to provoke each failure on purpose.
const char* const kBehaviourHelp = R"(
Behaviour:
  Jobs go pending -> running (after half of --job-seconds) -> success (after --job-seconds).
  Supported hosts: youtube.com, youtu.be, tiktok.com (www./m./vm./vt.), instagram.com,
  x.com, twitter.com, facebook.com, fb.watch, vimeo.com, reddit.com, plus direct media URLs
  whose path ends in .mp4/.m4v/.mov/.webm/.mkv/.mp3/.m4a on any host. Any other host ends
  'failed' with error "Unsupported URL".
  The download file name is <platform>-<video id>.mp4 (e.g. tiktok-7000000000000000001.mp4)
  when an id can be read from the URL, the media file's own name for direct media URLs,
  otherwise output.mp4.

Failure triggers (add the query parameter to the submitted URL):
  fm_sandbox=fail       the fetch ends failed: "Video unavailable: it may be private or removed"
  fm_sandbox=stuck      the fetch stays running forever
  fm_sandbox=http500    POST /v1/fetch answers 500 with an HTML body (no job is created)
  fm_sandbox=malformed  GET /v1/fetch/{id} answers 200 with broken JSON
  fm_sandbox=stall      the storage download sends its headers and the first half of the
                        body, then stops sending and keeps the connection open
  A short link (youtu.be, vm./vt.tiktok.com, fb.watch) whose path contains "expired",
  e.g. https://vm.tiktok.com/ZSexpired/, ends failed: "Video not found".

Endpoints: POST /v1/fetch, GET /v1/fetch/{id}, GET /v1/fetch/{id}/{filename} (302 to a
  signed storage URL on a second port), GET|POST /v1/fetch/metadata, GET /v1/files,
  GET /_sandbox/stats (no key; counters, including leaked_credentials: storage requests
  that carried a key).
)";

bool parseInt(const QString& text, qint64 minimum, qint64 maximum, qint64* out)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < minimum || value > maximum)
        return false;
    *out = value;
    return true;
}

} // namespace

QString defaultKey()
{
    return QStringLiteral("fm_c0ffee00c0ffee00c0ffee00c0ffee00");
}

CommandLine parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Local emulator of the FetchMedia Fetch API, listening on 127.0.0.1 only."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
        QStringLiteral("API port (default: any free port)."), QStringLiteral("N"));
    const QCommandLineOption keyOption(QStringLiteral("key"),
        QStringLiteral("Accepted API key; repeatable (default: %1).").arg(defaultKey()),
        QStringLiteral("KEY"));
    const QCommandLineOption jobOption(QStringLiteral("job-seconds"),
        QStringLiteral("Seconds a fetch takes to succeed (default: 2)."), QStringLiteral("N"));
    const QCommandLineOption bytesOption(QStringLiteral("file-bytes"),
        QStringLiteral("Serve N pseudo-random bytes instead of the sample MP4."),
        QStringLiteral("N"));
    const QCommandLineOption rateOption(QStringLiteral("rate-limit"),
        QStringLiteral("Allow N requests per SECONDS per key (token bucket; default: no limit)."),
        QStringLiteral("N/SECONDS"));
    const QCommandLineOption signedOption(QStringLiteral("signed-url-seconds"),
        QStringLiteral("Lifetime of signed download URLs (default: 900)."), QStringLiteral("N"));
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
        QStringLiteral("Do not log requests."));
    parser.addOptions({portOption, keyOption, jobOption, bytesOption, rateOption, signedOption,
                       quietOption});

    CommandLine result;
    const auto fail = [&result](const QString& message) {
        result.action = CommandLine::Action::Error;
        result.text = message;
        return result;
    };

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(helpOption)) {
        result.action = CommandLine::Action::Help;
        result.text = parser.helpText() + QString::fromUtf8(kBehaviourHelp);
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.action = CommandLine::Action::Version;
        result.text = QStringLiteral("fetchmedia-sandbox " FETCHMEDIA_VERSION);
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("Unexpected argument: %1").arg(parser.positionalArguments().first()));

    SandboxOptions& options = result.options;
    qint64 value = 0;
    if (parser.isSet(portOption)) {
        if (!parseInt(parser.value(portOption), 0, 65535, &value))
            return fail(QStringLiteral("--port needs a number from 0 to 65535"));
        options.port = static_cast<quint16>(value);
    }
    for (const QString& key : parser.values(keyOption)) {
        if (key.isEmpty() || key.contains(QRegularExpression(QStringLiteral("\\s"))))
            return fail(QStringLiteral("--key needs a non-empty key without spaces"));
        options.keys.append(key);
    }
    if (parser.isSet(jobOption)) {
        if (!parseInt(parser.value(jobOption), 0, 86400, &value))
            return fail(QStringLiteral("--job-seconds needs a number from 0 to 86400"));
        options.jobSeconds = static_cast<int>(value);
    }
    if (parser.isSet(bytesOption)) {
        // Up to 1 TiB: the payload is generated on the fly, never held in memory.
        if (!parseInt(parser.value(bytesOption), 0, qint64(1) << 40, &value))
            return fail(QStringLiteral("--file-bytes needs a number from 0 to 1099511627776"));
        options.fileBytes = value;
    }
    if (parser.isSet(rateOption)) {
        const QStringList parts = parser.value(rateOption).split(QLatin1Char('/'));
        qint64 count = 0;
        qint64 seconds = 0;
        if (parts.size() != 2 || !parseInt(parts.at(0), 1, 1000000, &count)
            || !parseInt(parts.at(1), 1, 86400, &seconds)) {
            return fail(QStringLiteral("--rate-limit needs N/SECONDS, e.g. 10/60"));
        }
        options.rateLimitCount = static_cast<int>(count);
        options.rateLimitSeconds = static_cast<int>(seconds);
    }
    if (parser.isSet(signedOption)) {
        // 0 is allowed on purpose: every signed URL is born expired, to exercise the 403 path.
        if (!parseInt(parser.value(signedOption), 0, 7 * 86400, &value))
            return fail(QStringLiteral("--signed-url-seconds needs a number from 0 to 604800"));
        options.signedUrlSeconds = static_cast<int>(value);
    }
    options.logRequests = !parser.isSet(quietOption);
    return result;
}

} // namespace fetchmedia::sandbox
