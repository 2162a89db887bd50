// A Jalali calendar beside a date field (seed: "chosen from a calendar"): the send form's birth-date fieldset (day,
// month and year fields) and the calendar page's single «تاریخ» field (typed 1405/01/01). The fields stay the source
// of truth: the calendar only fills them, so the form works the same without script.
// Month lengths and weekdays come from data the server computed with .NET's PersianCalendar (leap years and the
// Gregorian date of 1 Farvardin 1300), so the picker can never disagree with the server's validation.
// The host element carries that data; optional attributes: data-calendar-input (the id of a single yyyy/mm/dd field
// instead of the three birth-date fields), data-calendar-label (the calendar's accessible name),
// data-calendar-years-ahead (years after the current one offered; birth dates: none).
(function () {
    'use strict';
    var fieldset = document.querySelector('[data-jalali-calendar]') || document.getElementById('birth-date');
    if (!fieldset) { return; }
    var slot = fieldset.querySelector('[data-calendar-for]');
    var leapYears = (fieldset.getAttribute('data-leap-years') || '').split(',').map(Number);
    var firstNowruz = new Date(fieldset.getAttribute('data-first-nowruz') + 'T12:00:00Z');
    var months = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
    var weekdays = ['ش', 'ی', 'د', 'س', 'چ', 'پ', 'ج'];
    var weekdayNames = ['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه'];
    var digits = '۰۱۲۳۴۵۶۷۸۹';
    function fa(n) { return String(n).replace(/[0-9]/g, function (d) { return digits[Number(d)]; }); }
    function ascii(text) {
        return (text || '').replace(/[۰-۹]/g, function (c) { return String(digits.indexOf(c)); })
            .replace(/[٠-٩]/g, function (c) { return String(c.charCodeAt(0) - 0x660); }).trim();
    }
    function isLeap(y) { return leapYears.indexOf(y) >= 0; }
    function daysInMonth(y, m) { return m <= 6 ? 31 : m <= 11 ? 30 : (isLeap(y) ? 30 : 29); }
    // Days from 1 Farvardin 1300 to the first of the given month.
    function daysBefore(y, m) {
        var days = 0;
        for (var year = 1300; year < y; year++) { days += isLeap(year) ? 366 : 365; }
        for (var month = 1; month < m; month++) { days += daysInMonth(y, month); }
        return days;
    }
    // 0 = Saturday (the Persian week starts on Saturday).
    function weekdayOfFirst(y, m) {
        var date = new Date(firstNowruz.getTime() + daysBefore(y, m) * 86400000);
        return (date.getUTCDay() + 1) % 7;
    }
    // Today as a Jalali year and month: the last 1 Farvardin (and first of a month) that has passed.
    function today() {
        var now = new Date();
        var y = 1300;
        while (y < 1420 && new Date(firstNowruz.getTime() + daysBefore(y + 1, 1) * 86400000) <= now) { y++; }
        var m = 1;
        while (m < 12 && new Date(firstNowruz.getTime() + daysBefore(y, m + 1) * 86400000) <= now) { m++; }
        return { year: y, month: m };
    }
    var current = today();
    var maxYear = Math.min(1420, current.year + Number(fieldset.getAttribute('data-calendar-years-ahead') || '0'));

    // The fields the calendar reads and fills: one yyyy/mm/dd field, or the birth date's day, month and year.
    var single = document.getElementById(fieldset.getAttribute('data-calendar-input') || '');
    var dayInput = document.getElementById('Input_BirthDay');
    var monthSelect = document.getElementById('Input_BirthMonth');
    var yearInput = document.getElementById('Input_BirthYear');
    function read() {
        if (single) {
            var parts = ascii(single.value).split(/[\/\-.]/);
            return { year: Number(parts[0]), month: Number(parts[1]), day: Number(parts[2]) };
        }
        return { year: Number(ascii(yearInput.value)), month: Number(monthSelect.value), day: Number(ascii(dayInput.value)) };
    }
    function write(y, m, d) {
        if (single) {
            single.value = fa(y + '/' + (m < 10 ? '0' : '') + m + '/' + (d < 10 ? '0' : '') + d);
            single.dispatchEvent(new Event('input', { bubbles: true }));
            return;
        }
        dayInput.value = fa(d);
        monthSelect.value = String(m);
        yearInput.value = fa(y);
        [dayInput, yearInput].forEach(function (input) { input.dispatchEvent(new Event('input', { bubbles: true })); });
        monthSelect.dispatchEvent(new Event('change', { bubbles: true }));
    }
    var defaultView = single ? current : { year: Math.min(1365, maxYear), month: 1 };

    var toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'btn btn-outline-secondary btn-sm mt-2';
    toggle.textContent = 'انتخاب از تقویم';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', 'birth-calendar');
    slot.appendChild(toggle);

    var panel = document.createElement('div');
    panel.id = 'birth-calendar';
    panel.className = 'jalali-calendar';
    panel.setAttribute('role', 'group');
    panel.setAttribute('aria-label', fieldset.getAttribute('data-calendar-label') || 'تقویم انتخاب تاریخ تولد');
    panel.hidden = true;
    slot.appendChild(panel);

    var view = { year: 1365, month: 1 };

    function build() {
        panel.textContent = '';
        var head = document.createElement('div');
        head.className = 'jalali-calendar__head';

        var monthLabel = document.createElement('label');
        monthLabel.className = 'visually-hidden';
        monthLabel.htmlFor = 'calendar-month';
        monthLabel.textContent = 'ماه در تقویم';
        var monthPick = document.createElement('select');
        monthPick.id = 'calendar-month';
        monthPick.className = 'form-select form-select-sm';
        months.forEach(function (name, i) {
            var option = document.createElement('option');
            option.value = String(i + 1);
            option.textContent = name;
            monthPick.appendChild(option);
        });
        monthPick.value = String(view.month);
        // The panel is drawn anew for the chosen month; focus goes back to the (new) select, so a keyboard user who
        // steps through the months with the arrow keys stays on it instead of being thrown to the page's start.
        monthPick.addEventListener('change', function () { view.month = Number(monthPick.value); build(); focusById('calendar-month'); });

        var yearLabel = document.createElement('label');
        yearLabel.className = 'visually-hidden';
        yearLabel.htmlFor = 'calendar-year';
        yearLabel.textContent = 'سال در تقویم';
        var yearPick = document.createElement('select');
        yearPick.id = 'calendar-year';
        yearPick.className = 'form-select form-select-sm';
        for (var y = maxYear; y >= 1300; y--) {
            var option = document.createElement('option');
            option.value = String(y);
            option.textContent = fa(y);
            yearPick.appendChild(option);
        }
        yearPick.value = String(view.year);
        yearPick.addEventListener('change', function () { view.year = Number(yearPick.value); build(); focusById('calendar-year'); });

        head.appendChild(monthLabel);
        head.appendChild(monthPick);
        head.appendChild(yearLabel);
        head.appendChild(yearPick);
        panel.appendChild(head);

        var grid = document.createElement('table');
        grid.className = 'jalali-calendar__grid';
        var caption = document.createElement('caption');
        caption.className = 'visually-hidden';
        caption.textContent = months[view.month - 1] + ' ' + fa(view.year);
        grid.appendChild(caption);
        var thead = document.createElement('thead');
        var headRow = document.createElement('tr');
        weekdays.forEach(function (w, i) {
            var th = document.createElement('th');
            th.scope = 'col';
            th.textContent = w;
            th.title = weekdayNames[i];
            th.setAttribute('abbr', weekdayNames[i]);
            headRow.appendChild(th);
        });
        thead.appendChild(headRow);
        grid.appendChild(thead);

        var chosen = read();
        var chosenHere = chosen.month === view.month && chosen.year === view.year ? chosen.day : 0;
        var body = document.createElement('tbody');
        var offset = weekdayOfFirst(view.year, view.month);
        var count = daysInMonth(view.year, view.month);
        var row = document.createElement('tr');
        for (var blank = 0; blank < offset; blank++) { row.appendChild(document.createElement('td')); }
        for (var d = 1; d <= count; d++) {
            if ((offset + d - 1) % 7 === 0 && d > 1) {
                body.appendChild(row);
                row = document.createElement('tr');
            }
            var cell = document.createElement('td');
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'jalali-calendar__day';
            button.textContent = fa(d);
            button.setAttribute('aria-label', fa(d) + ' ' + months[view.month - 1] + ' ' + fa(view.year));
            button.setAttribute('data-day', String(d));
            if (d === chosenHere) {
                button.setAttribute('aria-pressed', 'true');
            }
            // One day in the tab order (the chosen one, else the first); the arrow keys move between the days.
            button.tabIndex = d === (chosenHere || 1) ? 0 : -1;
            button.addEventListener('click', choose);
            cell.appendChild(button);
            row.appendChild(cell);
        }
        body.appendChild(row);
        grid.appendChild(body);
        panel.appendChild(grid);
    }

    function focusById(id) {
        var element = document.getElementById(id);
        if (element) { element.focus(); }
    }

    // Moves the focus to day d of the view's month, counting into the months before or after when d is outside it
    // (the panel is drawn anew for that month); outside the years offered it stays where it is.
    function focusDay(d) {
        var y = view.year, m = view.month;
        while (d < 1) {
            m--;
            if (m < 1) { m = 12; y--; }
            d += daysInMonth(y, m);
        }
        while (d > daysInMonth(y, m)) {
            d -= daysInMonth(y, m);
            m++;
            if (m > 12) { m = 1; y++; }
        }
        if (y < 1300 || y > maxYear) { return; }
        if (y !== view.year || m !== view.month) {
            view.year = y;
            view.month = m;
            build();
        }
        panel.querySelectorAll('.jalali-calendar__day').forEach(function (button) {
            button.tabIndex = Number(button.getAttribute('data-day')) === d ? 0 : -1;
        });
        var day = panel.querySelector('.jalali-calendar__day[data-day="' + d + '"]');
        if (day) { day.focus(); }
    }

    // The days as a grid: ←/→ one day (in right-to-left text ← is the next day, as the week runs right to left),
    // ↑/↓ one week, Home/End the month's first and last day; Enter and Space press the day's button (choose it).
    function moveBetweenDays(event) {
        var target = event.target;
        if (!target.classList || !target.classList.contains('jalali-calendar__day')) { return false; }
        var d = Number(target.getAttribute('data-day'));
        var rtl = getComputedStyle(panel).direction === 'rtl';
        var moves = {
            ArrowLeft: d + (rtl ? 1 : -1),
            ArrowRight: d + (rtl ? -1 : 1),
            ArrowUp: d - 7,
            ArrowDown: d + 7,
            Home: 1,
            End: daysInMonth(view.year, view.month)
        };
        if (!Object.prototype.hasOwnProperty.call(moves, event.key)) { return false; }
        event.preventDefault();
        focusDay(moves[event.key]);
        return true;
    }

    function choose(event) {
        write(view.year, view.month, Number(event.currentTarget.getAttribute('data-day')));
        close();
        (single || dayInput).focus();
    }

    function open() {
        var typed = read();
        var known = typed.year >= 1300 && typed.year <= maxYear;
        view.year = known ? typed.year : defaultView.year;
        view.month = known && typed.month >= 1 && typed.month <= 12 ? typed.month : defaultView.month;
        build();
        panel.hidden = false;
        toggle.setAttribute('aria-expanded', 'true');
        var month = panel.querySelector('#calendar-month');
        if (month) { month.focus(); }
    }

    function close() {
        panel.hidden = true;
        toggle.setAttribute('aria-expanded', 'false');
    }

    toggle.addEventListener('click', function () { if (panel.hidden) { open(); } else { close(); } });
    panel.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') { close(); toggle.focus(); return; }
        moveBetweenDays(event);
    });
})();
