"""A published report laid out unlike ours (上海 2024 style): tables in 第二部分 in 上海's order and
titles, 类/款/项 in three columns, thousands separators, no 行次, 三公 with 预算数/决算数 as the
lowest header row, one table broken over two pages; and the Report it must import as."""
from __future__ import annotations

from decimal import Decimal

from juesuan.model.report import CodedRow, Report

D = Decimal
DEPT = "上海市某某局"


def _merge_header(table, n_header: int) -> None:
    """Equal neighbouring header texts become one merged cell, as in a real report."""
    grid = [[c.text for c in row.cells] for row in table.rows[:n_header]]
    done: set = set()
    for r in range(n_header):
        for c in range(len(grid[r])):
            if (r, c) in done:
                continue
            text = grid[r][c]
            w = 1
            while c + w < len(grid[r]) and grid[r][c + w] == text and (r, c + w) not in done:
                w += 1
            h = 1
            while r + h < n_header and all(grid[r + h][c + k] == text for k in range(w)):
                h += 1
            done |= {(r + i, c + k) for i in range(h) for k in range(w)}
            if w > 1 or h > 1:
                cell = table.cell(r, c).merge(table.cell(r + h - 1, c + w - 1))
                cell.text = text


def _table(doc, header: list[list[str]], body: list[list[str]]):
    table = doc.add_table(rows=len(header) + len(body), cols=len(header[0]))
    table.style = "Table Grid"
    for r, row in enumerate(header + body):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    _merge_header(table, len(header))
    return table


def _title(doc, text: str) -> None:
    doc.add_paragraph(text)
    doc.add_paragraph("单位：万元")


CODED_HEAD = [["项目"] * 4, ["功能分类科目编码"] * 3 + ["科目名称"], ["类", "款", "项", "科目名称"]]


def tables(pdf_break: bool = True) -> list[tuple]:
    """The report as (kind, …) items: ("p", text), ("table", header, body), ("break",)."""
    items: list[tuple] = []

    def _title(_doc, text):
        items.append(("p", text))
        items.append(("p", "单位：万元"))

    def _table(_doc, header, body):
        items.append(("table", header, body))

    class _Doc:
        def add_paragraph(self, text=""):
            items.append(("p", text))

    doc = _Doc()
    doc.add_paragraph(f"{DEPT}")
    doc.add_paragraph("2024年度部门决算")
    doc.add_paragraph(f"第二部分 {DEPT}2024年度部门决算表")
    # 一、收入支出决算总表 (no 行次)
    _title(doc, "收入支出决算总表")
    _table(doc, [["收入", "收入", "支出", "支出"], ["项目", "决算数", "项目", "决算数"]], [
        ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "1,000.00"],
        ["二、政府性基金预算财政拨款收入", "-", "二、教育支出", "2,200.05"],
        ["五、事业收入", "300.00", "", ""],
        ["本年收入合计", "3,240.05", "本年支出合计", "3,200.05"],
        ["使用非财政拨款结余", "", "结余分配", ""],
        ["年初结转和结余", "10.00", "年末结转和结余", "50.00"],
        ["总计", "3,250.05", "总计", "3,250.05"]])
    doc.add_paragraph("注：本表反映部门本年度的总收支和年末结转结余情况。")
    # 二、收入决算表 (类/款/项 split, a 款 and 项 printed alone)
    _title(doc, "收入决算表")
    _table(doc, [h + ["本年收入合计", "财政拨款收入", "事业收入"] for h in CODED_HEAD], [
        ["合计"] * 4 + ["3,240.05", "2,940.05", "300.00"],
        ["205", "", "", "教育支出", "2,240.05", "1,940.05", "300.00"],
        ["", "02", "", "普通教育", "2,240.05", "1,940.05", "300.00"],
        ["", "", "05", "高等教育", "2,240.05", "1,940.05", "300.00"],
        ["201", "", "", "一般公共服务支出", "1,000.00", "1,000.00", ""],
        ["201", "03", "", "政府办公厅（室）及相关机构事务", "1,000.00", "1,000.00", ""],
        ["201", "03", "01", "行政运行", "1,000.00", "1,000.00", ""]])
    # 三、支出决算表: broken over two pages, the header printed again
    _title(doc, "支出决算表")
    head = [h + ["本年支出合计", "基本支出", "项目支出"] for h in CODED_HEAD]
    _table(doc, head, [["合计"] * 4 + ["3,200.05", "1,200.00", "2,000.05"],
                       ["205", "", "", "教育支出", "2,200.05", "200.00", "2,000.05"],
                       ["205", "02", "", "普通教育", "2,200.05", "200.00", "2,000.05"]])
    if pdf_break:
        items.append(("break",))
    _table(doc, head, [["205", "02", "05", "高等教育", "2,200.05", "200.00", "2,000.05"],
                       ["201", "", "", "一般公共服务支出", "1,000.00", "1,000.00", "-"],
                       ["201", "03", "01", "行政运行", "1,000.00", "1,000.00", "-"]])
    doc.add_paragraph("注：本表反映部门本年度各项支出情况。")
    # 四、财政拨款收入支出决算总表
    _title(doc, "财政拨款收入支出决算总表")
    _table(doc, [["收入", "收入", "支出", "支出", "支出", "支出", "支出"],
                 ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                  "国有资本经营预算财政拨款"]], [
        ["一、一般公共预算财政拨款", "2,940.05", "一、一般公共服务支出", "1,000.00", "1,000.00", "", ""],
        ["", "", "二、教育支出", "1,940.05", "1,940.05", "", ""],
        ["本年收入合计", "2,940.05", "本年支出合计", "2,940.05", "2,940.05", "", ""],
        ["年初财政拨款结转和结余", "5.00", "年末财政拨款结转和结余", "5.00", "5.00", "", ""],
        ["一、一般公共预算财政拨款", "5.00", "", "", "", "", ""],
        ["总计", "2,945.05", "总计", "2,945.05", "2,945.05", "", ""]])
    # 五、一般公共预算财政拨款支出决算表 (合计 at the bottom)
    _title(doc, "一般公共预算财政拨款支出决算表")
    _table(doc, [h + ["合计", "基本支出", "项目支出"] for h in CODED_HEAD], [
        ["201", "03", "01", "行政运行", "1,000.00", "1,000.00", ""],
        ["205", "02", "05", "高等教育", "1,940.05", "200.00", "1,740.05"],
        ["合计"] * 4 + ["2,940.05", "1,200.00", "1,740.05"]])
    # 六、一般公共预算财政拨款基本支出决算表 (two triples)
    _title(doc, "一般公共预算财政拨款基本支出决算表")
    _table(doc, [["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"]], [
        ["301", "工资福利支出", "1,100.00", "302", "商品和服务支出", "100.00"],
        ["30101", "基本工资", "1,100.00", "30201", "办公费", "100.00"],
        ["人员经费合计", "人员经费合计", "1,100.00", "公用经费合计", "公用经费合计", "100.00"]])
    # 七、财政拨款“三公”经费支出决算表 (预算数/决算数 the lowest header row)
    _title(doc, "财政拨款“三公”经费支出决算表")
    car = "公务用车购置及运行维护费"
    _table(doc, [["财政拨款“三公”经费"] * 12,
                 ["合计"] * 2 + ["因公出国（境）费"] * 2 + [car] * 6 + ["公务接待费"] * 2,
                 ["合计"] * 2 + ["因公出国（境）费"] * 2 + ["小计"] * 2 + ["公务用车购置费"] * 2
                 + ["公务用车运行维护费"] * 2 + ["公务接待费"] * 2,
                 ["预算数", "决算数"] * 6],
           [["30.00", "25.50", "10.00", "8.00", "15.00", "14.50", "", "", "15.00", "14.50", "5.00", "3.00"]])
    # 八、政府性基金: none
    _title(doc, "政府性基金预算财政拨款收入支出决算表")
    _table(doc, [["项目", "项目", "年初结转和结余", "本年收入", "本年支出", "本年支出", "本年支出", "年末结转和结余"],
                 ["功能分类科目编码", "科目名称", "年初结转和结余", "本年收入", "合计", "基本支出", "项目支出",
                  "年末结转和结余"]], [["合计", "合计", "", "", "", "", "", ""]])
    doc.add_paragraph(f"说明：{DEPT}本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。")
    # 九、国有资本经营预算财政拨款收入支出决算表: columns our table does not have
    _title(doc, "国有资本经营预算财政拨款收入支出决算表")
    _table(doc, [["项目", "项目", "年初结转和结余", "本年收入", "本年支出", "本年支出", "本年支出", "年末结转和结余"],
                 ["功能分类科目编码", "科目名称", "年初结转和结余", "本年收入", "合计", "基本支出", "项目支出",
                  "年末结转和结余"]], [["合计", "合计", "", "", "", "", "", ""]])
    doc.add_paragraph("第三部分 情况说明")
    return items


def build_docx(path, *, pdf_break: bool = True) -> None:
    import docx
    from docx.enum.text import WD_BREAK
    doc = docx.Document()
    for item in tables(pdf_break):
        if item[0] == "p":
            doc.add_paragraph(item[1])
        elif item[0] == "break":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            _table(doc, item[1], item[2])
    doc.save(str(path))


def build_xlsx(path) -> None:
    """The same tables as a 决算软件 export: one sheet, tables stacked with a blank row between,
    编制单位 lines, merged header cells, amounts as numbers where they are numbers."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    r = 1
    for item in tables(False):
        if item[0] == "p":
            if item[1].startswith("单位"):
                ws.cell(r, 1, f"编制单位：{DEPT}")
                ws.cell(r, 5, item[1])
            else:
                ws.cell(r, 1, item[1])
            r += 1
            continue
        if item[0] == "break":
            continue
        header, body = item[1], item[2]
        top = r
        for row in header + body:
            for c, text in enumerate(row, start=1):
                value = text
                plain = text.replace(",", "")
                if plain.replace(".", "", 1).isdigit() and "." in plain and "," not in text:
                    value = float(plain)
                ws.cell(r, c, value if value != "" else None)
            r += 1
        _merge_sheet(ws, top, len(header), len(header[0]))
        r += 1
    wb.save(str(path))


def _merge_sheet(ws, top: int, n_header: int, ncols: int) -> None:
    grid = [[ws.cell(top + r, c + 1).value for c in range(ncols)] for r in range(n_header)]
    done: set = set()
    for r in range(n_header):
        for c in range(ncols):
            if (r, c) in done:
                continue
            w = 1
            while c + w < ncols and grid[r][c + w] == grid[r][c] and (r, c + w) not in done:
                w += 1
            h = 1
            while r + h < n_header and all(grid[r + h][c + k] == grid[r][c] for k in range(w)):
                h += 1
            done |= {(r + i, c + k) for i in range(h) for k in range(w)}
            if w > 1 or h > 1:
                ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + h - 1, end_column=c + w)


def expected() -> Report:
    rep = Report()
    t = rep.t01
    t.values.update({("inc_gpb", "amount"): D("2940.05"), ("inc_business", "amount"): D("300.00"),
                     ("inc_total", "amount"): D("3240.05"), ("inc_begin", "amount"): D("10.00"),
                     ("inc_grand", "amount"): D("3250.05"), ("c201", "amount"): D("1000.00"),
                     ("c205", "amount"): D("2200.05"), ("exp_total", "amount"): D("3200.05"),
                     ("exp_end", "amount"): D("50.00"), ("exp_grand", "amount"): D("3250.05")})
    rep.t02.total.update(total=D("3240.05"), fiscal=D("2940.05"), business=D("300.00"))
    for code, name in (("205", "教育支出"), ("20502", "普通教育"), ("2050205", "高等教育")):
        rep.t02.rows.append(CodedRow(code, name, {"total": D("2240.05"), "fiscal": D("1940.05"), "business": D("300.00")}))
    for code, name in (("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"), ("2010301", "行政运行")):
        rep.t02.rows.append(CodedRow(code, name, {"total": D("1000.00"), "fiscal": D("1000.00")}))
    rep.t03.total.update(total=D("3200.05"), basic=D("1200.00"), project=D("2000.05"))
    for code, name in (("205", "教育支出"), ("20502", "普通教育"), ("2050205", "高等教育")):
        rep.t03.rows.append(CodedRow(code, name, {"total": D("2200.05"), "basic": D("200.00"), "project": D("2000.05")}))
    for code, name in (("201", "一般公共服务支出"), ("2010301", "行政运行")):
        rep.t03.rows.append(CodedRow(code, name, {"total": D("1000.00"), "basic": D("1000.00")}))
    t = rep.t04
    t.values.update({("f_gpb", "amount"): D("2940.05"), ("f_inc_total", "amount"): D("2940.05"),
                     ("f_begin", "amount"): D("5.00"), ("f_begin_gpb", "amount"): D("5.00"),
                     ("f_inc_grand", "amount"): D("2945.05"),
                     ("c201", "total"): D("1000.00"), ("c201", "gpb"): D("1000.00"),
                     ("c205", "total"): D("1940.05"), ("c205", "gpb"): D("1940.05"),
                     ("f_exp_total", "total"): D("2940.05"), ("f_exp_total", "gpb"): D("2940.05"),
                     ("f_end", "total"): D("5.00"), ("f_end", "gpb"): D("5.00"),
                     ("f_exp_grand", "total"): D("2945.05"), ("f_exp_grand", "gpb"): D("2945.05")})
    rep.t05.total.update(total=D("2940.05"), basic=D("1200.00"), project=D("1740.05"))
    rep.t05.rows += [CodedRow("2010301", "行政运行", {"total": D("1000.00"), "basic": D("1000.00")}),
                     CodedRow("2050205", "高等教育", {"total": D("1940.05"), "basic": D("200.00"), "project": D("1740.05")})]
    rep.t06.values.update({"301": D("1100.00"), "30101": D("1100.00"), "302": D("100.00"), "30201": D("100.00")})
    rep.t06.personnel_total, rep.t06.public_total = D("1100.00"), D("100.00")
    rep.t09.values.update(budget_total=D("30.00"), final_total=D("25.50"), budget_abroad=D("10.00"),
                          final_abroad=D("8.00"), budget_car=D("15.00"), final_car=D("14.50"),
                          budget_car_run=D("15.00"), final_car_run=D("14.50"), budget_reception=D("5.00"),
                          final_reception=D("3.00"))
    return rep
