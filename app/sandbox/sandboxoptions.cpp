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

Fault knobs (options above; all off by default):
  --retry-after-format  seconds: "Retry-After: N" and body retry_after; http-date: Retry-After
                        as an HTTP-date plus a Date header; garbage: "Retry-After: soon";
                        none: no hint at all (the last three send no body retry_after)
  --flaky P             that share of /v1 requests gets 500, 502, 503 in turn (HTML body),
                        before any effect: a flaky POST creates no job. --seed N repeats a run
  --latency MS          every API answer leaves MS later (per-answer timer)
  --drop-after BYTES    storage closes the connection after BYTES body bytes of each response
  --stall-after BYTES   storage stops after BYTES body bytes of each response, socket open
  --ignore-range        storage answers 200 with the whole file to Range requests
  Storage answers carry an ETag; a Range whose If-Range does not match it gets 200 + full body.

Endpoints: POST /v1/fetch, GET /v1/fetch/{id}, GET /v1/fetch/{id}/{filename} (302 to a
  signed storage URL on a second port), GET|POST /v1/fetch/metadata, GET /v1/files.
Control endpoints (no key; loopback only):
  GET /_sandbox/stats          counters, among them leaked_credentials (storage requests that
                               carried a key), early_requests (requests before the time a 429
                               gave), revoked_key_requests_after_401, bad_key_requests_after_401
  POST /_sandbox/keys          body {"key":"fm_..."}: accept that key from now on (201)
  DELETE /_sandbox/keys/{key}  revoke it: later requests with it get 401 invalid_token (204)
  GET /_sandbox/keys           {"keys":[...]}: the accepted keys, masked
)";

bool parseDouble(const QString& text, double minimum, double maximum, double* out)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !(value >= minimum && value <= maximum))
        return false;
    *out = value;
    return true;
}

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

QString retryAfterFormatName(RetryAfterFormat format)
{
    switch (format) {
    case RetryAfterFormat::Seconds: return QStringLiteral("seconds");
    case RetryAfterFormat::HttpDate: return QStringLiteral("http-date");
    case RetryAfterFormat::Garbage: return QStringLiteral("garbage");
    case RetryAfterFormat::None: return QStringLiteral("none");
    }
    return QStringLiteral("seconds");
}

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
    const QCommandLineOption signedOption(
        QStringList{QStringLiteral("signed-url-seconds"), QStringLiteral("signed-ttl")},
        QStringLiteral("Lifetime of signed download URLs (default: 900)."), QStringLiteral("N"));
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
        QStringLiteral("Do not log requests."));
    const QCommandLineOption retryFormatOption(QStringLiteral("retry-after-format"),
        QStringLiteral("How a 429 says when to retry: seconds, http-date, garbage or none "
                       "(default: seconds)."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption flakyOption(QStringLiteral("flaky"),
        QStringLiteral("Answer that share (0..1) of API requests with 500/502/503 (default: 0)."),
        QStringLiteral("P"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
        QStringLiteral("Seed of the --flaky draw (default: 1)."), QStringLiteral("N"));
    const QCommandLineOption latencyOption(QStringLiteral("latency"),
        QStringLiteral("Delay every API answer by MS milliseconds (default: 0)."),
        QStringLiteral("MS"));
    const QCommandLineOption dropOption(QStringLiteral("drop-after"),
        QStringLiteral("Storage closes the connection after BYTES body bytes of each response."),
        QStringLiteral("BYTES"));
    const QCommandLineOption stallOption(QStringLiteral("stall-after"),
        QStringLiteral("Storage stops sending after BYTES body bytes of each response, "
                       "keeping the connection open."),
        QStringLiteral("BYTES"));
    const QCommandLineOption ignoreRangeOption(QStringLiteral("ignore-range"),
        QStringLiteral("Storage answers 200 with the whole file to Range requests."));
    const QCommandLineOption bandwidthOption(QStringLiteral("bandwidth"),
        QStringLiteral("Storage sends each response at most MIB mebibytes a second, like a real "
                       "line (default: as fast as it can)."),
        QStringLiteral("MIB"));
    parser.addOptions({portOption, keyOption, jobOption, bytesOption, rateOption, signedOption,
                       quietOption, retryFormatOption, flakyOption, seedOption, latencyOption,
                       dropOption, stallOption, ignoreRangeOption, bandwidthOption});

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
    if (parser.isSet(retryFormatOption)) {
        const QString name = parser.value(retryFormatOption);
        bool known = false;
        for (RetryAfterFormat format : {RetryAfterFormat::Seconds, RetryAfterFormat::HttpDate,
                                        RetryAfterFormat::Garbage, RetryAfterFormat::None}) {
            if (name == retryAfterFormatName(format)) {
                options.retryAfterFormat = format;
                known = true;
            }
        }
        if (!known)
            return fail(QStringLiteral("--retry-after-format needs seconds, http-date, garbage or none"));
    }
    if (parser.isSet(flakyOption) && !parseDouble(parser.value(flakyOption), 0.0, 1.0, &options.flakyShare))
        return fail(QStringLiteral("--flaky needs a share from 0 to 1, e.g. 0.3"));
    if (parser.isSet(seedOption)) {
        if (!parseInt(parser.value(seedOption), 0, 4294967295LL, &value))
            return fail(QStringLiteral("--seed needs a number from 0 to 4294967295"));
        options.seed = static_cast<quint32>(value);
    }
    if (parser.isSet(latencyOption)) {
        if (!parseInt(parser.value(latencyOption), 0, 600000, &value))
            return fail(QStringLiteral("--latency needs milliseconds from 0 to 600000"));
        options.latencyMs = static_cast<int>(value);
    }
    // 0 is allowed for both: headers only, then the close (or the silence) at once.
    if (parser.isSet(dropOption)
        && !parseInt(parser.value(dropOption), 0, qint64(1) << 40, &options.dropAfterBytes)) {
        return fail(QStringLiteral("--drop-after needs a byte count from 0 to 1099511627776"));
    }
    if (parser.isSet(stallOption)
        && !parseInt(parser.value(stallOption), 0, qint64(1) << 40, &options.stallAfterBytes)) {
        return fail(QStringLiteral("--stall-after needs a byte count from 0 to 1099511627776"));
    }
    if (parser.isSet(bandwidthOption)) {
        if (!parseInt(parser.value(bandwidthOption), 1, 100000, &value))
            return fail(QStringLiteral("--bandwidth needs mebibytes a second from 1 to 100000"));
        options.bandwidthBytesPerSecond = value << 20;
    }
    options.ignoreRange = parser.isSet(ignoreRangeOption);
    options.logRequests = !parser.isSet(quietOption);
    return result;
}

} // namespace fetchmedia::sandbox
