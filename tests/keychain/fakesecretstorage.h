#pragma once

#include "app/core/storage/secretstore.h"

#include <QList>
#include <QPointer>
#include <QTimer>

namespace fetchmedia {

// A scripted keychain: each call is recorded and answered by the next scripted answer, after
// its delay, or never (delay < 0). Answers come later through the event loop, like QtKeychain.
class FakeSecretStorage final : public QObject, public SecretStorage
{
public:
    struct Answer {
        SecretStatus status = SecretStatus::NotFound;
        QString key;
        int delayMs = 0; // < 0: never answers
    };
    struct Call {
        QString operation; // "read", "write", "delete"
        QString host;
        QString key;
    };

    QList<Answer> script; // consumed front to back; when empty: NotFound at once
    QList<Call> calls;
    QMap<QString, QString> stored; // host -> key, what "the keychain" holds

    int count(const QString &operation) const
    {
        int n = 0;
        for (const Call &call : calls)
            n += call.operation == operation ? 1 : 0;
        return n;
    }

    void readKey(const QString &host, QObject *context, SecretDone done) override
    {
        answer({QStringLiteral("read"), host, QString()}, context, std::move(done));
    }
    void writeKey(const QString &host, const QString &key, QObject *context, SecretDone done) override
    {
        answer({QStringLiteral("write"), host, key}, context, std::move(done));
    }
    void deleteKey(const QString &host, QObject *context, SecretDone done) override
    {
        answer({QStringLiteral("delete"), host, QString()}, context, std::move(done));
    }

private:
    void answer(const Call &call, QObject *context, SecretDone done)
    {
        calls.append(call);
        Answer next = script.isEmpty() ? Answer{} : script.takeFirst();
        if (next.delayMs < 0)
            return;
        QPointer<QObject> guard(context);
        QTimer::singleShot(next.delayMs, this, [this, guard, call, next, done = std::move(done)] {
            if (next.status == SecretStatus::Ok && call.operation == QLatin1String("write"))
                stored.insert(call.host, call.key);
            if (next.status == SecretStatus::Ok && call.operation == QLatin1String("delete"))
                stored.remove(call.host);
            if (!guard)
                return;
            SecretResult result;
            result.status = next.status;
            result.key = call.operation == QLatin1String("read") ? next.key : QString();
            result.message = QStringLiteral("scripted");
            done(result);
        });
    }
};

} // namespace fetchmedia
