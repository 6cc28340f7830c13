#pragma once

#include <QGroupBox>
#include <QUrl>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace fetchmedia {

class KeyController;

// The Account part of the settings pane: where the key comes from (masked), a masked field to
// paste a new one, Save, Remove and "Test connection". Pasted text is cleaned and checked
// before anything reaches the keychain.
class AccountSection final : public QGroupBox
{
    Q_OBJECT
public:
    // apiBase: the base URL the pane currently shows, for "Test connection".
    AccountSection(KeyController *keys, std::function<QUrl()> apiBase, QWidget *parent = nullptr);

    QLineEdit *keyField() const { return m_keyField; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *testButton() const { return m_test; }
    QLabel *sourceLabel() const { return m_source; }
    QLabel *hintLabel() const { return m_hint; }
    QLabel *resultLabel() const { return m_result; }

    // The cleaned key still in the field when the pane's own Save is pressed, or empty.
    QString pendingKey() const;
    bool hasRefusedText() const;

private:
    void refresh();
    void onEdited(const QString &text);
    void save();
    void test();
    void showResult(const QString &text, bool good);
    void growWindow();

    KeyController *m_keys;
    std::function<QUrl()> m_apiBase;
    QLabel *m_source;
    QLineEdit *m_keyField;
    QCheckBox *m_show;
    QLabel *m_hint;
    QPushButton *m_save;
    QPushButton *m_remove;
    QPushButton *m_test;
    QLabel *m_result;
    bool m_testing = false;
    qsizetype m_lastLength = 0;
};

} // namespace fetchmedia
