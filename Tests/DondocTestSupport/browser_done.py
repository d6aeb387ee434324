#!/usr/bin/env python3
"""A staff member in a real browser: opens the link from their email in headless Chromium,
fills the completion form, submits it, and waits for the page to say it is done.

usage: browser_done.py URL NAME SCREENSHOT_BEFORE SCREENSHOT_AFTER

Prints the page's text after submitting. Exit 0 when the page says "đã hoàn thành", 1 otherwise,
2 when Chromium or its driver is missing (apt-get install chromium chromium-driver; pip install selenium).
"""
import sys

from chromium import By, WebDriverWait, run


def main(url, name, before, after):
    def act(driver):
        driver.get(url)
        driver.save_screenshot(before)
        driver.find_element(By.NAME, "by").send_keys(name)
        driver.find_element(By.NAME, "note").send_keys("Đã gửi báo cáo")
        driver.find_element(By.CSS_SELECTOR, "button[value=done]").click()
        WebDriverWait(driver, 60).until(lambda d: "đã hoàn thành" in d.find_element(By.TAG_NAME, "body").text)
        driver.save_screenshot(after)
        print(driver.find_element(By.TAG_NAME, "body").text)
        return 0
    return run(act)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
