#pragma once

#include <QtCore/QIODevice>

namespace fetchmedia::sandbox {

// Fills dst with bytes [offset, offset + length) of the sandbox's fixed pseudo-random
// sequence. Random access and stateless, so any slice can be produced without the rest.
void fillPayload(char* dst, qint64 offset, qint64 length);

// A read-only random-access device over the first `size` bytes of that sequence; memory use
// is independent of size (generated on read).
class PayloadDevice final : public QIODevice {
    Q_OBJECT
public:
    explicit PayloadDevice(qint64 size, QObject* parent = nullptr);

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 maxSize) override;

private:
    qint64 m_size = 0;
};

} // namespace fetchmedia::sandbox
