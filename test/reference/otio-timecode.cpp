// Prints OpenTimelineIO's to_timecode for every frame in [0, count) at a rate, one per line, and counts
// the frames whose from_timecode does not come back exact. Built by test/reference/otio-reference.ts.
#include "opentime/rationalTime.h"
#include <cstdio>
#include <cstdlib>

using opentime::IsDropFrameRate;
using opentime::RationalTime;

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: otio-timecode RATE DROP(0|1) COUNT\n");
        return 2;
    }
    const double rate = std::atof(argv[1]);
    const IsDropFrameRate drop = std::atoi(argv[2]) ? IsDropFrameRate::ForceYes : IsDropFrameRate::ForceNo;
    const long count = std::atol(argv[3]);
    long mismatches = 0;
    for (long frame = 0; frame < count; ++frame) {
        opentime::ErrorStatus status;
        const std::string tc = RationalTime(frame, rate).to_timecode(rate, drop, &status);
        if (opentime::is_error(status)) {
            std::fprintf(stderr, "to_timecode(%ld): %s\n", frame, status.details.c_str());
            return 1;
        }
        std::fputs(tc.c_str(), stdout);
        std::fputc('\n', stdout);
        const RationalTime back = RationalTime::from_timecode(tc, rate, &status);
        if (opentime::is_error(status) || back.value() != frame) ++mismatches;
    }
    std::fprintf(stderr, "from_timecode mismatches: %ld\n", mismatches);
    return 0;
}
