# สถานะของเรื่องร้องเรียน ตามที่ผู้ร้องเรียนเห็น (รหัสตรงกับ occ_core::Status::code)
status-received = ได้รับเรื่องแล้ว
status-screening = เจ้าหน้าที่กำลังตรวจสอบเรื่อง
status-need_info = รอข้อมูลเพิ่มเติมจากคุณ
status-forwarded = ส่งต่อให้หน่วยงานที่รับผิดชอบแล้ว
status-in_progress = หน่วยงานกำลังดำเนินการ
status-resolved = ดำเนินการเสร็จแล้ว
status-rejected = ไม่สามารถรับเรื่องนี้ได้
status-withdrawn = คุณยกเลิกเรื่องนี้แล้ว
status-duplicate = เป็นเรื่องเดียวกับที่แจ้งไว้ก่อนหน้า
