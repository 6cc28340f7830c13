#pragma once

#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace fetchmedia {

class SecretStore;

struct KeyOptions {
    QString action; // set, status, test, delete
    QUrl apiBase;   // already validated
};

// `fetchmedia-cli key set|status|test|delete`. `set` reads the key from standard input only:
// an argument would be visible to every user of the machine. Output never holds the whole key.
class KeyCommand final : public QObject
{
    Q_OBJECT
public:
    explicit KeyCommand(KeyOptions options, QObject *parent = nullptr);
    ~KeyCommand() override;

    static bool isAction(const QString &action);
    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void set();
    void status();
    void test();
    void remove();
    // The key in use for the API host: FETCHMEDIA_API_KEY, else the keychain entry.
    void withCurrentKey(std::function<void(const QString &key, const QString &source)> use);
    void finish(int exitCode);

    KeyOptions m_options;
    QNetworkAccessManager *m_network;
    SecretStore *m_secrets;
};

} // namespace fetchmedia
