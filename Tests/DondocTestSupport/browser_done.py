#!/usr/bin/env python3
"""A staff member in a real browser: opens the link from their email in headless Chromium,
fills the completion form, submits it, and waits for the page to say it is done.

usage: browser_done.py URL NAME SCREENSHOT_BEFORE SCREENSHOT_AFTER

Prints the page's text after submitting. Exit 0 when the page says "đã hoàn thành", 1 otherwise,
2 when Chromium or its driver is missing (apt-get install chromium chromium-driver; pip install selenium).
"""
import sys

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("selenium is missing: pip install selenium", file=sys.stderr)
    sys.exit(2)


def main(url, name, before, after):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,900", "--lang=vi"):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    except Exception as error:  # no browser, no driver
        print("cannot start chromium: %s" % error, file=sys.stderr)
        return 2
    try:
        driver.set_page_load_timeout(60)
        driver.get(url)
        driver.save_screenshot(before)
        driver.find_element(By.NAME, "by").send_keys(name)
        driver.find_element(By.NAME, "note").send_keys("Đã gửi báo cáo")
        driver.find_element(By.CSS_SELECTOR, "button[value=done]").click()
        WebDriverWait(driver, 60).until(lambda d: "đã hoàn thành" in d.find_element(By.TAG_NAME, "body").text)
        driver.save_screenshot(after)
        print(driver.find_element(By.TAG_NAME, "body").text)
        return 0
    except Exception as error:
        print("browser at %s: %s\n%s" % (driver.current_url, error, driver.page_source[:2000]), file=sys.stderr)
        return 1
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
