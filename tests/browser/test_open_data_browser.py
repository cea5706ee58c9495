"""The Decisions page's open-data downloads in a real browser: click, read the download, open
the zip and its files (CSV with the csv module, JSON with json), then the desk previews it."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from browsing import BROWSER, settle
from browsing import sign_in as _sign_in

pytestmark = BROWSER


def _download(page, app_url: str, kind: str) -> bytes:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/decisions?lang=en&as_of=2004-06-01")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    with page.expect_download(timeout=60_000) as download:
        main.get_by_role("button", name=f"Open data ({kind.upper()}, zip)").click()
    assert download.value.suggested_filename == f"plenary-open-data-{kind}.zip"
    return download.value.path().read_bytes()  # type: ignore[no-any-return]


def test_the_csv_download_opens_as_a_zip_of_csv_files(page, app_url: str) -> None:  # type: ignore[no-untyped-def]
    data = _download(page, app_url, "csv")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        assert {"decisions.csv", "participants.csv", "datapackage.json"} <= names
        rows = list(
            csv.DictReader(io.StringIO(archive.read("decisions.csv").decode("utf-8"), newline=""))
        )
        package = json.loads(archive.read("datapackage.json"))
    assert len(rows) == 22
    jhb = next(r for r in rows if r["reference"] == "2003-JHB-02")
    assert (jhb["adopted_on"], jhb["state_en"]) == ("2003-04-30", "available")
    assert package["resources"][0]["path"] == "body.csv"
    assert page.locator("[data-testid='stException']").count() == 0


def test_the_json_download_opens_and_the_desk_previews_it(  # type: ignore[no-untyped-def]
    page, app_url: str, database_url: str, tmp_path
) -> None:
    data = _download(page, app_url, "json")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        meetings = json.loads(archive.read("meetings.json"))
    assert [m["code"] for m in meetings] == ["2003-johannesburg", "2003-sun-city"]
    assert meetings[1]["starts_on"] == "2003-10-29"
    upload = tmp_path / "open-data.zip"
    upload.write_bytes(data)
    _sign_in(page, app_url, database_url)
    page.goto(f"{app_url}/secretariat?lang=en&as_of=2004-06-01")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    main.get_by_role("tab", name="Open data").click()
    main.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
    main.get_by_text("What will be stored").wait_for(timeout=30_000)
    settle(page)
    assert main.get_by_text("will be replaced").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0
