/** The skeleton that `npm run new` writes: every field present or hinted at, each with a short note in Ukrainian. */
import * as yaml from "js-yaml";
import type { DateTime } from "luxon";
import { isoInstant } from "./dates.ts";

export function newArticleText(title: string, now: DateTime, timeZone = "Europe/Kyiv"): string {
  const titleLine = yaml.dump({ title }, { lineWidth: -1, quoteStyle: "double", forceQuotes: true }).trimEnd();
  const date = isoInstant({ instant: now.setZone(timeZone), hasTime: true });
  // The editor reads the note in the site's zone, which is not Kyiv for every newsroom.
  const zone = timeZone === "Europe/Kyiv" ? "за київським часом" : `за часом сайту (${timeZone})`;
  // Empty `author:` and `lead:` are null in YAML: `npm run check` warns about them instead of failing.
  return `---
# Заголовок статті (обов'язково); на сторінці це головний заголовок.
${titleLine}
# Дата й час публікації ${zone}; можна й так: "7 грудня 2021, 22:21" або 2021-12-07.
date: "${date}"
# Автор: одне ім'я (author: Татьяна Шевченко) або список (author: [Іван Петренко, Ольга Коваль]).
author:
# Лід: одне-два речення під заголовком, у лапках.
lead:
# Теги: список, наприклад [Київ, економіка]; теги, що відрізняються лише регістром, зливаються в один.
tags: []
# Необов'язкові поля: приберіть "#" на початку рядка, щоб увімкнути.
# Фото над статтею: файл поруч зі статтею (foto.jpg) або в теці сайту (/images/foto.jpg); з ним потрібен imageAlt.
# image: foto.jpg
# imageAlt: "Що зображено на фото"  # для тих, хто фото не бачить; не назва файлу
# imageCaption: "Підпис під фото"
# imageCredit: "УНІАН"  # автор або джерело; на сторінці буде "Фото: УНІАН"
# updated: "${date}"
# slug: moia-adresa
# draft: true
---

`;
}
