// SPDX-License-Identifier: Apache-2.0
// Copyright Contributors to the OpenTimelineIO project

#pragma once

#define OPENTIME_VERSION_MAJOR 0
#define OPENTIME_VERSION_MINOR 19
#define OPENTIME_VERSION_PATCH 0
#define OPENTIME_VERSION v0_19_0
#define OPENTIME_VERSION_NS v0_19

namespace opentime {
namespace OPENTIME_VERSION_NS {
}

using namespace OPENTIME_VERSION_NS;
} // namespace opentime
