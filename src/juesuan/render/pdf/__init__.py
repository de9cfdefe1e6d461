"""LibreOffice 转 PDF、字体。"""
