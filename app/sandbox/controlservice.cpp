#include "app/sandbox/controlservice.h"

#include "app/sandbox/sandboxstate.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QRegularExpression>
#include <QtHttpServer/QHttpServerRequest>

namespace fetchmedia::sandbox {

namespace {

HttpReply methodNotAllowed()
{
    return HttpReply::nestedError(405, QStringLiteral("method_not_allowed"),
                                  QStringLiteral("Method not allowed on this endpoint"));
}

} // namespace

ControlService::ControlService(SandboxState& state)
    : m_state(state)
{
}

HttpReply ControlService::handle(const QHttpServerRequest& request, const QStringList& segments,
                                 QString* logPath)
{
    using Method = QHttpServerRequest::Method;
    const Method method = request.method();
    const QString resource = segments.value(1);
    if (segments.size() == 2 && resource == QLatin1String("stats"))
        return method == Method::Get ? HttpReply::json(m_state.stats.toJson()) : methodNotAllowed();

    if (segments.size() == 2 && resource == QLatin1String("keys")) {
        if (method == Method::Get) {
            QJsonArray masked;
            for (const QString& key : m_state.keys.accepted())
                masked.append(KeyRegistry::mask(key));
            return HttpReply::json(QJsonObject{{QStringLiteral("keys"), masked}});
        }
        return method == Method::Post ? addKey(request.body()) : methodNotAllowed();
    }
    if (segments.size() == 3 && resource == QLatin1String("keys")) {
        const QString key = segments.at(2);
        *logPath = QStringLiteral("/_sandbox/keys/") + KeyRegistry::mask(key);
        if (method != Method::Delete)
            return methodNotAllowed();
        if (!m_state.keys.revoke(key))
            return HttpReply::nestedError(404, QStringLiteral("not_found"), QStringLiteral("No such key"));
        HttpReply reply;
        reply.status = 204;
        return reply;
    }
    return HttpReply::nestedError(404, QStringLiteral("not_found"), QStringLiteral("No such endpoint"));
}

HttpReply ControlService::addKey(const QByteArray& body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return HttpReply::flatError(400, QStringLiteral("Malformed JSON body"),
                                    {QStringLiteral("body: expected {\"key\":\"...\"}")});
    }
    const QJsonValue value = document.object().value(QStringLiteral("key"));
    static const QRegularExpression space(QStringLiteral("\\s"));
    const QString key = value.toString();
    if (!value.isString() || key.isEmpty() || key.size() > 256 || key.contains(space)
        || key.contains(QLatin1Char('/'))) {
        return HttpReply::flatError(422, QStringLiteral("Invalid key"),
            {QStringLiteral("key: a non-empty string of at most 256 characters, no spaces or '/'")});
    }
    m_state.keys.add(key);
    // The caller knows the key; the answer still does not repeat it whole.
    return HttpReply::json(QJsonObject{{QStringLiteral("key"), KeyRegistry::mask(key)}}, 201);
}

} // namespace fetchmedia::sandbox
