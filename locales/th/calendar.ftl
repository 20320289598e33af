# วันที่แบบที่คนไทยอ่าน: ปีพุทธศักราช เวลาประเทศไทย
date-time = { $day } { $month } { $year } { $time }
date = { $day } { $month } { $year }
month-1 = ม.ค.
month-2 = ก.พ.
month-3 = มี.ค.
month-4 = เม.ย.
month-5 = พ.ค.
month-6 = มิ.ย.
month-7 = ก.ค.
month-8 = ส.ค.
month-9 = ก.ย.
month-10 = ต.ค.
month-11 = พ.ย.
month-12 = ธ.ค.
