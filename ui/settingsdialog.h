#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace fetchmedia {

class Settings;

// What the settings pane hands back; the composition root applies it (keychain, queue).
struct SettingsChange {
    QUrl apiBase;
    QString downloadFolder;
    int concurrency = 4;
    QString newApiKey; // empty: keep the key as it is
};

// The settings pane: API base URL, API key (masked), download folder, parallel jobs.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    struct KeyInfo {
        bool editable = true;   // false in sandbox mode or with FETCHMEDIA_API_KEY
        QString sourceText;     // "Stored in the system keychain", "From the environment", …
    };

    SettingsDialog(const Settings &settings, const KeyInfo &keyInfo, QWidget *parent = nullptr);

    SettingsChange change() const;
    void focusKeyField();

private:
    void chooseFolder();
    void validate();

    QLineEdit *m_apiBase;
    QLineEdit *m_apiKey;
    QCheckBox *m_showKey;
    QLineEdit *m_folder;
    QSpinBox *m_concurrency;
    QLabel *m_problem;
    QPushButton *m_okButton = nullptr;
};

} // namespace fetchmedia
