package dev.hotline.sample.clinic;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Pet {
    @Id
    @GeneratedValue
    private Long id;
    private String name;
    private String kind;
    @ManyToOne(optional = false)
    private Owner owner;

    protected Pet() {}

    public Pet(String name, String kind, Owner owner) {
        this.name = name;
        this.kind = kind;
        this.owner = owner;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getKind() { return kind; }
    public Owner getOwner() { return owner; }
}
