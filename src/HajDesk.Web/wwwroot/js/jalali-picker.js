// A Jalali calendar for the birth-date fieldset (seed: "chosen from a calendar"). The day, month and year fields
// stay the source of truth: the calendar only fills them, so the form works the same without script.
// Month lengths and weekdays come from data the server computed with .NET's PersianCalendar (leap years and the
// Gregorian date of 1 Farvardin 1300), so the picker can never disagree with the server's validation.
(function () {
    'use strict';
    var fieldset = document.getElementById('birth-date');
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

    var dayInput = document.getElementById('Input_BirthDay');
    var monthSelect = document.getElementById('Input_BirthMonth');
    var yearInput = document.getElementById('Input_BirthYear');
    // The current Jalali year: the last year whose 1 Farvardin has passed. Birth years go no later.
    function currentJalaliYear() {
        var now = new Date();
        var y = 1300;
        while (y < 1420 && new Date(firstNowruz.getTime() + daysBefore(y + 1, 1) * 86400000) <= now) { y++; }
        return y;
    }
    var maxYear = currentJalaliYear();

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
    panel.setAttribute('aria-label', 'تقویم انتخاب تاریخ تولد');
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
        monthPick.addEventListener('change', function () { view.month = Number(monthPick.value); build(); focusFirstDay(); });

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
        yearPick.addEventListener('change', function () { view.year = Number(yearPick.value); build(); focusFirstDay(); });

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
            if (String(d) === ascii(dayInput.value) && String(view.month) === monthSelect.value && String(view.year) === ascii(yearInput.value)) {
                button.setAttribute('aria-pressed', 'true');
            }
            button.addEventListener('click', choose);
            cell.appendChild(button);
            row.appendChild(cell);
        }
        body.appendChild(row);
        grid.appendChild(body);
        panel.appendChild(grid);
    }

    function focusFirstDay() {
        var first = panel.querySelector('.jalali-calendar__day');
        if (first) { first.focus(); }
    }

    function choose(event) {
        var d = event.currentTarget.getAttribute('data-day');
        dayInput.value = fa(d);
        monthSelect.value = String(view.month);
        yearInput.value = fa(view.year);
        [dayInput, yearInput].forEach(function (input) { input.dispatchEvent(new Event('input', { bubbles: true })); });
        monthSelect.dispatchEvent(new Event('change', { bubbles: true }));
        close();
        dayInput.focus();
    }

    function open() {
        var y = Number(ascii(yearInput.value));
        var m = Number(monthSelect.value);
        view.year = y >= 1300 && y <= maxYear ? y : Math.min(1365, maxYear);
        view.month = m >= 1 && m <= 12 ? m : 1;
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
        if (event.key === 'Escape') { close(); toggle.focus(); }
    });
})();
