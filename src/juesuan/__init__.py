"""juesuan (决算): standard workbook -> 审核 -> 部门决算公开 Word report."""
__version__ = "0.1.0"
