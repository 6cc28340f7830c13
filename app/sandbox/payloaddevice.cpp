#include "app/sandbox/payloaddevice.h"

#include <QtEndian>

#include <algorithm>

namespace fetchmedia::sandbox {

namespace {

// The splitmix64 finaliser over the 8-byte block index: cheap, well mixed and counter based,
// so byte i is a pure function of i. The fixed offset keeps block 0 from being all zeros.
quint64 block(quint64 index)
{
    quint64 z = index * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

} // namespace

void fillPayload(char* dst, qint64 offset, qint64 length)
{
    // Little-endian byte order within a block, independent of the host. Whole blocks are
    // stored eight bytes at a time: the byte loop alone kept a core busy at 1 GiB/s.
    qint64 written = 0;
    const auto partialBlock = [&] {
        const qint64 position = offset + written;
        const quint64 value = block(quint64(position) / 8);
        for (int byte = int(position % 8); byte < 8 && written < length; ++byte)
            dst[written++] = static_cast<char>((value >> (8 * byte)) & 0xFF);
    };
    if ((offset + written) % 8 != 0)
        partialBlock();
    for (; length - written >= 8; written += 8)
        qToLittleEndian(block(quint64(offset + written) / 8), dst + written);
    if (written < length)
        partialBlock();
}

PayloadDevice::PayloadDevice(qint64 size, QObject* parent)
    : QIODevice(parent)
    , m_size(std::max<qint64>(size, 0))
{
}

qint64 PayloadDevice::readData(char* data, qint64 maxSize)
{
    const qint64 count = std::min(maxSize, m_size - pos());
    if (count <= 0)
        return 0; // end of device
    fillPayload(data, pos(), count);
    return count;
}

qint64 PayloadDevice::writeData(const char* /*data*/, qint64 /*maxSize*/)
{
    return -1; // read-only
}

} // namespace fetchmedia::sandbox
