#!/usr/bin/env python3
"""A leader in a real browser: signs in to the dashboard with an access token in headless
Chromium, then takes a screenshot of each page asked for, whole (the window is made as tall as
the page).

usage: browser_dashboard.py BASE_URL TOKEN PATH=SCREENSHOT [PATH=SCREENSHOT ...]

Prints each page's title and text. Exit 0 when signed in and every page was shown, 1 otherwise,
2 when Chromium or its driver is missing (apt-get install chromium chromium-driver; pip install selenium).
"""
import sys

from chromium import By, WebDriverWait, run

WIDTH = 1280


def main(base, token, shots):
    def act(driver):
        driver.get(base + "/")
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.NAME, "token"))
        driver.find_element(By.NAME, "token").send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "section.login button[type=submit]").click()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "nav.account"))
        for shot in shots:
            path, _, screenshot = shot.partition("=")
            driver.set_window_size(WIDTH, 900)
            driver.get(base + path)
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(WIDTH, min(max(height + 20, 600), 4000))
            driver.save_screenshot(screenshot)
            print("== %s: %s" % (path, driver.title))
            print(driver.find_element(By.TAG_NAME, "body").text)
        return 0
    return run(act, width=WIDTH, flags=("--hide-scrollbars", "--force-device-scale-factor=1"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
