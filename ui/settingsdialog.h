#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace fetchmedia {

class AccountSection;
class KeyController;
class Settings;

// What the settings pane hands back; the composition root applies it (queue, settings, key).
struct SettingsChange {
    QUrl apiBase;
    QString downloadFolder;
    int concurrency = 4;
    bool fetchMetadata = true;
    QString newApiKey; // a cleaned key still in the Account field on Save; empty: none
};

// The settings pane: API base URL, the Account section (key, Save, Remove, Test connection),
// download folder, parallel jobs.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const Settings &settings, KeyController *keys, QWidget *parent = nullptr);

    SettingsChange change() const;
    // This run saves somewhere else than the stored folder (--download-dir): show and say so.
    void showDownloadFolderOverride(const QString &folderInUse);
    void focusKeyField();
    AccountSection *account() const { return m_account; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void chooseFolder();
    void validate();
    QUrl apiBase() const;

    QLineEdit *m_apiBase;
    AccountSection *m_account;
    QLineEdit *m_folder;
    QSpinBox *m_concurrency;
    QCheckBox *m_fetchMetadata;
    QLabel *m_problem;
    QPushButton *m_okButton = nullptr;
    bool m_focusKeyField = false;
};

} // namespace fetchmedia
