"""`innoscope data import`: a user's own tidy or wide table."""

from __future__ import annotations

from typer.testing import CliRunner

from innoscope.cli import app
from innoscope.datasets.importer import import_table


def test_long_and_wide(tmp_path):
    long = tmp_path / "long.csv"
    long.write_text("地区,年份,指标,数值\n上海,2021,研发强度,4.21\n北京,2021,研发强度,6.53\n", encoding="utf-8")
    panel, layout = import_table(long)
    assert layout == "long" and panel.unit_codes == ["上海", "北京"] and panel.periods == [2021]
    wide = tmp_path / "wide.csv"
    wide.write_text("country,year,gerd,patents\nA,2020,1.5,10\nA,2021,1.6,\n", encoding="utf-8")
    panel, layout = import_table(wide)
    assert layout == "wide" and panel.periods == [2020, 2021] and int(panel.values["value"].isna().sum()) == 1


def test_cli_preview_and_errors(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("region,year,rd\nA,2020,1\nB,2020,x\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["data", "import", str(f)])
    assert r.exit_code == 2 and "E103" in r.output and "t.csv:3" in r.output
    f.write_text("name,rd\nA,1\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["data", "import", str(f)])
    assert r.exit_code == 2 and "--unit" in r.output
    r = CliRunner().invoke(app, ["data", "import", str(f), "--unit", "name", "--out", str(tmp_path / "p.csv")])
    assert r.exit_code == 0 and "wide layout; 1 units" in r.output and (tmp_path / "p.csv").is_file()


def test_every_source_loads_as_a_panel(shared_data):
    from innoscope.datasets.panels import LOADERS, load_panel

    sizes = {name: len(load_panel(name, shared_data).values) for name in LOADERS}
    assert sizes == {
        "china-sti-yearbook": 21844 + 960 + 1248 + 288,  # + MarketPush, IndustryOperation, IndustryTrade
        "china-gdp": 620,
        "china-population": 31 * 20,
        "gii-2019": 3 * 111 * 129,  # rank, score and raw value of every node
        "eis-2023": 14040,
        "worldbank-rd": 2743,
        "asem": 51 * 53,
        "china-regional": 14 * 31 * 13,
    }
    wb = load_panel("worldbank-rd", shared_data).values
    assert wb[(wb["unit"] == "CHN") & (wb["period"] == 2022)]["value"].round(5).item() == 2.55518
