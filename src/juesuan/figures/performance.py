"""The numbers of 第十三节 a reviewer would strike if printed as given: shared by the text
(figures.compute) and the checks that say why they were left out (S-24, S-26)."""
from __future__ import annotations

import re
from decimal import Decimal

# 预算执行情况 is worth 20 of the 100 points: a “total” of 20 or less is that sub-score typed
# into the total's cell (20分 beside 优秀), never a 100-point 综合得分.
SUBSCORE_MAX = Decimal(20)

# 项目自评综述 that says every project went as planned
ALL_DONE = re.compile(r"(?:各|所有|全部)(?:个)?项目[^。；，]{0,8}?(?:均|都|全部)?按(?:照)?计划(?:完成|实施|执行)"
                      r"|均(?:已)?按(?:照)?计划(?:完成|实施|执行)")


def total_score(value) -> Decimal | None:
    """A 100-point score as printed, or None when it cannot be one (S-24 says why)."""
    if value in (None, ""):
        return None
    score = Decimal(str(value))
    return None if 0 < score <= SUBSCORE_MAX else score
