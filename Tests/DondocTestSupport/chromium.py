"""Headless Chromium for the tests that act as a person in a browser: Debian's chromium and
chromium-driver, driven by selenium (apt-get install chromium chromium-driver; pip install selenium).
A script that cannot start it exits 2.
"""
import sys

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By  # noqa: F401 (for the scripts)
    from selenium.webdriver.support.ui import WebDriverWait  # noqa: F401 (for the scripts)
except ImportError:
    print("selenium is missing: pip install selenium", file=sys.stderr)
    sys.exit(2)


def run(act, width=1100, height=900, flags=()):
    """Starts the browser, returns act(driver), and quits it. An exception in act is reported on
    stderr with where the browser was and the start of the page, and gives 1."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=%d,%d" % (width, height), "--lang=vi") + tuple(flags):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    except Exception as error:  # no browser, no driver
        print("cannot start chromium: %s" % error, file=sys.stderr)
        return 2
    try:
        driver.set_page_load_timeout(60)
        return act(driver)
    except Exception as error:
        print("browser at %s: %s\n%s" % (driver.current_url, error, driver.page_source[:2000]), file=sys.stderr)
        return 1
    finally:
        driver.quit()
