#pragma once

#include "app/sandbox/httpreply.h"

#include <QtCore/QRandomGenerator>

#include <optional>

namespace fetchmedia::sandbox {

// --flaky: decides, request by request, which API requests get a proxy-style 5xx instead of
// an answer. A seeded generator, so the same seed and the same request order repeat a run.
class FlakyAnswers final {
public:
    FlakyAnswers(double share, quint32 seed);

    // The 500/502/503 (in turn) to send instead of the real answer, or nothing.
    std::optional<HttpReply> draw();

private:
    double m_share = 0;
    QRandomGenerator m_random;
    int m_next = 0;
};

} // namespace fetchmedia::sandbox
