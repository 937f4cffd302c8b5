// SPDX-License-Identifier: Apache-2.0
#pragma once
// The MetSource interface lives in core/ so met/ can consume it without depending on io/.
#include "core/met_source.hpp"
