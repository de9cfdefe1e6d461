"""Joining workbook text into template sentences without doubled words or punctuation.

A clerk writes 主要成效 as 「一是…；二是…。」, 「1.…」, 「主要成效是…」 or plain text; a project is
called 「职工服务项目」 or 「职工服务」.  The template around it says 「主要成效是…」 and
「…项目绩效自评综述」.  These filters put the two together so the reader sees neither
「主要成效是一是」 nor 「是：一是」 nor 「职工服务项目项目」 nor 「。。」.

Registered in every template environment (:func:`juesuan.templating.env.make_env`) and listed by
``make-report templates vars`` / docs/TEMPLATE_VARIABLES.md.
"""
from __future__ import annotations

import re

from juesuan.model.textnorm import ENUMERATION_RE

# 一是 / 二是, 1. / 1、 / (1) / （1） / ①, 一、 — an enumeration that brings its own structure
ENUMERATION = ENUMERATION_RE  # juesuan.model.textnorm: the one definition
_END = "。；;，,、 \t\n"
_MAINLY = re.compile(r"^主要(?:是|为)[：:，,]?")
_LEAD_TAIL = "是为：:，, "


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def lead_in(text, lead: str) -> str:
    """引语 + 工作簿文字，不重复：

    - 「主要成效是」+「一是…；二是…。」→「主要成效：一是…；二是…」（序号自带结构，引语改用冒号）；
    - 「主要成效是」+「主要成效是保障…」→「主要成效是保障…」（文字已带引语）；
    - 「主要成效是」+「主要是保障…」→「主要成效是保障…」；+「主要用于…」→「主要成效：主要用于…」；
    - 「主要成效是」+「保障…。」→「主要成效是保障…」。
    末尾的「。；，」去掉，由模板收句；文字为空时结果为空串（模板可用 if 判断）。"""
    body = _text(text).rstrip(_END)
    if not body:
        return ""
    head = lead.rstrip(_LEAD_TAIL)
    if head and body.startswith(head):
        # the text already says 主要成效是… / 主要成效：…: join what follows its own lead instead
        return lead_in(body[len(head):].lstrip(_LEAD_TAIL), lead)
    body = _MAINLY.sub("", body) or body  # 「主要成效是」+「主要是保障…」: one 主要…是 is enough
    if ENUMERATION.match(body) or (head.startswith("主要") and body.startswith("主要")):
        return f"{head}：{body}"  # 主要成效：一是… / 主要成效：主要用于…
    return f"{lead}{body}"


def sentence_body(text) -> str:
    """工作簿文字放进句中：去掉末尾的「。；，」（模板自己收句），不改动其他内容。"""
    return _text(text).rstrip(_END)


def suffixed(name, word: str) -> str:
    """名称后接固定词，不重复：「职工服务项目」|suffixed("项目") →「职工服务项目」，
    「职工服务」|suffixed("项目") →「职工服务项目」。"""
    name = _text(name)
    return name if name.endswith(word) else name + word


JOIN_FILTERS = {"lead_in": lead_in, "sentence_body": sentence_body, "suffixed": suffixed}
